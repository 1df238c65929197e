/**
 * The report model on fixture folders: each folder under test/fixtures/report/ holds requirement
 * files (maybe a config), `case.json` ({ description }) and `expected.json`, the exact output of
 * `inbound report . --format json --today 2026-11-23` run inside it. The example workspace is
 * checked the same way, and its headline numbers are spelt out below.
 *
 * `UPDATE_FIXTURES=1` rewrites expected.json: a draft, to be read against the spec before committing.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Report } from '../../server/src/report';
import { runCli, TODAY } from './helpers';
import { updateMode } from '../update-mode';

const REPO = join(__dirname, '..', '..');
const ROOT = join(REPO, 'test', 'fixtures', 'report');
const update = updateMode();

async function reportJson(cwd: string, paths: string[]): Promise<Report> {
  const { exit, stdout, stderr } = await runCli(cwd, ['report', ...paths, '--format', 'json', '--today', TODAY]);
  assert.deepEqual(stderr, []);
  assert.equal(exit, 0);
  return JSON.parse(stdout) as Report;
}

function compare(actual: Report, expectedPath: string) {
  if (update) writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
  assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
}

describe('report model fixtures', () => {
  const cases = readdirSync(ROOT)
    .filter((name) => statSync(join(ROOT, name)).isDirectory())
    .sort();
  it('has fixtures to run', () => assert.ok(cases.length >= 6, `only ${cases.length} fixture folders`));
  for (const name of cases) {
    const dir = join(ROOT, name);
    const { description } = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { description: string };
    it(`${name}: ${description}`, async () => {
      compare(await reportJson(dir, ['.']), join(dir, 'expected.json'));
    });
  }
});

describe('the example workspace', () => {
  it('matches its expected report', async () => {
    compare(await reportJson(REPO, ['examples']), join(ROOT, 'examples.expected.json'));
  });

  it('tells the roadmap review its numbers', async () => {
    const r = await reportJson(REPO, ['examples']);
    assert.equal(r.files, 4);
    assert.deepEqual(r.headline, {
      requirements: 12,
      roadmap: { total: 6, ready: 2, waived: 1, blocked: 3, atRisk: 0, noEvidence: 0 },
      readyToPromote: 2,
    });
    assert.deepEqual(r.byVerdict, { blocked: 3, 'at-risk': 1, 'no-evidence': 1, waived: 1, gathering: 1, ready: 4, closed: 1 });
    assert.deepEqual(r.byStatus, { idea: 1, proposed: 2, validated: 2, roadmap: 4, 'in-progress': 2, shipped: 1, rejected: 0, none: 0 });
    const verdicts = Object.fromEntries(r.requirements.map((q) => [q.id, q.verdict]));
    assert.deepEqual(verdicts, {
      'CHK-100': 'closed',
      'CHK-101': 'ready',
      'CHK-102': 'blocked',
      'CHK-103': 'at-risk',
      'ONB-20': 'ready',
      'ONB-21': 'blocked',
      'ONB-22': 'no-evidence',
      'RPT-3': 'ready',
      'RPT-4': 'blocked',
      'PLT-7': 'ready',
      'PLT-8': 'waived',
      'PLT-9': 'gathering',
    });
    // Initech's one deal OPP-2307 backs two requirements (twice in RPT-4) and counts once.
    assert.deepEqual(
      r.concentration.map((a) => [a.account, a.requirements, a.withoutMarketEvidence, a.onRoadmap, a.deals, a.amounts]),
      [
        ['Initech', 3, 3, 3, 2, [{ total: 125000 }]],
        ['Hooli', 2, 2, 1, 1, [{ total: 25000 }]],
        ['Globex AG', 1, 1, 1, 1, [{ total: 60000 }]],
        ['Umbrella Corp', 1, 1, 0, 1, [{ total: 30000 }]],
        ['Acme GmbH', 1, 0, 1, 1, [{ currency: 'EUR', total: 120000 }]],
      ],
    );
    assert.equal(r.evidenceMix.sales, 9);
    assert.equal(r.evidenceMix.market, 12);
    assert.deepEqual(
      r.evidenceMix.byArea.map((a) => [a.area, a.requirements, a.sales, a.market]),
      [
        ['Checkout', 4, 4, 3],
        ['Onboarding', 3, 2, 3],
        ['Platform', 3, 1, 3],
        ['Reporting', 2, 2, 3],
      ],
    );
    assert.deepEqual(
      r.staleEvidence.map((s) => [s.requirement, s.kind, s.date, s.ageDays, s.file, s.line]),
      [['ONB-20', 'metric', '2025-08-01', 479, 'examples/growth/onboarding.req.yaml', 15]],
    );
    assert.deepEqual(
      r.silenced.map((s) => [s.requirement, s.code, s.reason]),
      [['RPT-3', 'future-evidence', 'The fieldwork ends on this date by contract; results are in.']],
    );
    const chk101 = r.requirements.find((q) => q.id === 'CHK-101')!;
    assert.equal(chk101.file, 'examples/checkout.req.yaml');
    assert.equal(chk101.path, 'checkout.req.yaml');
    assert.equal(chk101.line, 14, '0-based line of the id');
    assert.deepEqual(chk101.evidence, { sales: 1, deals: 1, rfps: 0, market: 2, sameAccount: 0, byKind: { 'sales-deal': 1, interview: 1, 'support-tickets': 1 }, incomplete: 0 });
    assert.deepEqual(chk101.accounts, ['Acme GmbH', 'Globex AG']);
    assert.deepEqual(r.requirements.find((q) => q.id === 'PLT-8')!.waiver, {
      reason: 'Required by the SOC 2 audit for every customer.',
      approvedBy: 'vp-product@example.com',
      date: '2026-11-02',
    });
  });
});
