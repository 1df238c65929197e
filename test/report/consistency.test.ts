/**
 * The report never tells a product manager something the findings do not. On every fixture
 * workspace (the check fixtures, the report fixtures, the examples) the report is compared with the
 * output of `inbound check --format json` on the same files; then random workspaces and policies
 * check the verdicts' precedence.
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_POLICY } from '../../schemas/config';
import { STATUSES } from '../../schemas/primitives';
import { Workspace } from '../../server/src/engine';
import { loadWorkspace } from '../../server/src/node/load-workspace';
import { buildReport } from '../../server/src/report';
import type { Report } from '../../server/src/report';
import { runCli, TODAY } from './helpers';

const REPO = join(__dirname, '..', '..');
const folders = (root: string) =>
  readdirSync(root)
    .filter((n) => statSync(join(root, n)).isDirectory())
    .map((n) => join(root, n));
const WORKSPACES = [...folders(join(REPO, 'test', 'fixtures', 'check')), ...folders(join(REPO, 'test', 'fixtures', 'report')), join(REPO, 'examples')];

interface CheckedFile {
  file: string;
  diagnostics: { code: string }[];
}

function tally(list: { code: string }[], ...codes: string[]) {
  return list.filter((d) => codes.includes(d.code)).length;
}

describe('the report agrees with inbound check', () => {
  for (const dir of WORKSPACES) {
    it(dir.slice(REPO.length + 1), async () => {
      // --allow-empty: the report's empty fixture is a folder without requirement files on purpose.
      const check = await runCli(dir, ['check', '.', '--format', 'json', '--today', TODAY, '--allow-empty']);
      const report = await runCli(dir, ['report', '.', '--format', 'json', '--today', TODAY]);
      assert.equal(report.exit === 2, check.exit === 2, 'both read the same files');
      const files = JSON.parse(check.stdout) as CheckedFile[];
      const r = JSON.parse(report.stdout) as Report;
      const { workspace } = loadWorkspace({ paths: ['.'], cwd: dir, today: TODAY });
      const unread = new Set(r.unreadFiles.map((f) => f.file));
      for (const f of files) {
        if (unread.has(f.file)) continue;
        const rows = r.requirements.filter((q) => q.file === f.file);
        const codes = rows.flatMap((q) => q.findings);
        const say = `in ${f.file}`;
        assert.equal(rows.filter((q) => q.verdict === 'blocked').length, tally(f.diagnostics, 'roadmap-gate'), `blocked ${say}`);
        assert.equal(tally(codes, 'single-deal', 'sales-only'), tally(f.diagnostics, 'single-deal', 'sales-only'), `at-risk findings ${say}`);
        assert.equal(tally(codes, 'no-evidence'), tally(f.diagnostics, 'no-evidence'), `no-evidence ${say}`);
        assert.equal(r.staleEvidence.filter((s) => s.file === f.file).length, tally(f.diagnostics, 'stale-evidence'), `stale ${say}`);
        const suppressed = workspace.diagnostics(join(dir, f.file)).suppressed;
        assert.equal(r.silenced.filter((s) => s.file === f.file).length, suppressed.length, `silenced ${say}`);
      }
      assertVerdictsFollowFindings(r);
    });
  }
});

function assertVerdictsFollowFindings(r: Report) {
  for (const q of r.requirements) {
    const has = (code: string) => q.findings.some((f) => f.code === code);
    const label = `${q.id} (${q.verdict})`;
    assert.equal(q.verdict === 'blocked', has('roadmap-gate'), label);
    if (q.verdict === 'blocked') continue;
    const closed = q.status === 'shipped' || q.status === 'rejected';
    assert.equal(q.verdict === 'closed', closed, label);
    if (closed) continue;
    if (q.verdict === 'waived') assert.ok(q.onRoadmap && q.waiver, label);
    if (q.verdict === 'waived') continue;
    assert.equal(q.verdict === 'at-risk', has('single-deal') || has('sales-only'), label);
    if (q.verdict === 'at-risk') continue;
    assert.equal(q.verdict === 'no-evidence', has('no-evidence'), label);
    if (q.verdict === 'ready') assert.ok(q.evidence.market >= r.policy.minMarketEvidence, label);
    if (q.verdict === 'gathering') assert.ok(q.evidence.market < r.policy.minMarketEvidence, label);
  }
  const counted = Object.values(r.byVerdict).reduce((a, b) => a + b, 0);
  assert.equal(counted, r.requirements.length);
}

// ----- random workspaces ------------------------------------------------------------------

const EVIDENCE = [
  '      - kind: sales-deal\n        account: Acme GmbH\n        deal: OPP-1\n        amount: 100\n        date: 2026-10-01\n',
  '      - kind: sales-deal\n        account: acme  gmbh\n        deal: OPP-2\n        date: 2026-10-01\n',
  '      - kind: rfp\n        account: Hooli\n        date: 2026-10-01\n',
  '      - kind: interview\n        account: Globex AG\n        date: 2026-10-01\n',
  '      - kind: support-tickets\n        count: 3\n        date: 2020-01-01\n',
  // A placeholder: no account yet, so it counts for nothing.
  '      - kind: interview\n        date: 2026-10-01\n',
] as const;
const WAIVERS = ['', '    waiver:\n      reason: Approved.\n      approved-by: vp@example.com\n', '    waiver:\n      reason: Not approved.\n'] as const;

const requirement = fc.record({
  status: fc.constantFrom(...STATUSES),
  evidence: fc.array(fc.integer({ min: 0, max: EVIDENCE.length - 1 }), { maxLength: 4 }),
  waiver: fc.integer({ min: 0, max: WAIVERS.length - 1 }),
  silenceSingleDeal: fc.boolean(),
});

describe('verdicts on random workspaces', () => {
  it('follow the findings under any policy', () => {
    fc.assert(
      fc.property(
        fc.array(requirement, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 2 }),
        fc.subarray([...STATUSES], { minLength: 1 }),
        fc.constantFrom('error', 'off'),
        (reqs, minMarketEvidence, roadmapStatuses, gate) => {
          const text =
            'requirements:\n' +
            reqs
              .map(
                (q, i) =>
                  `  - id: R-${i + 1}\n    title: Requirement ${i + 1}\n    status: ${q.status}\n` +
                  (q.evidence.length
                    ? `${q.silenceSingleDeal ? '    # inbound-ignore single-deal -- decided\n' : ''}    evidence:\n${q.evidence.map((e) => EVIDENCE[e]).join('')}`
                    : '') +
                  WAIVERS[q.waiver],
              )
              .join('');
          const ws = new Workspace({
            today: TODAY,
            policy: { ...DEFAULT_POLICY, minMarketEvidence, roadmapStatuses, rules: { 'roadmap-gate': gate as 'error' | 'off' } },
          });
          ws.setFile('/w/random.req.yaml', text);
          const r = buildReport(ws);
          assert.equal(r.requirements.length, reqs.length);
          assertVerdictsFollowFindings(r);
          const shown = ws.diagnostics('/w/random.req.yaml').diagnostics;
          assert.equal(r.byVerdict.blocked, shown.filter((d) => d.code === 'roadmap-gate').length);
          if (gate === 'off') assert.equal(r.byVerdict.waived, 0, 'a switched-off gate waives nothing');
        },
      ),
      { numRuns: 200 },
    );
  });
});
