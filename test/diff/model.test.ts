/**
 * The diff model from two report models, without git: how requirements are paired (id, then the
 * same id across projects, then the same content under a new id), what "the same content" means,
 * and that the report's own JSON stays as it was unless the diff asks for details.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffReports, failsReview } from '../../server/src/engine/diff';
import type { ProjectReport, RoadmapDiff } from '../../server/src/engine/diff';
import { buildReport } from '../../server/src/engine/report';
import { TODAY, workspaceOf } from '../report/helpers';

function side(files: Record<string, string>, project = '.', config?: string): ProjectReport {
  const ws = workspaceOf(files);
  if (config !== undefined) ws.setConfig('/w/inbound.config.yaml', config);
  return { project, report: buildReport(ws, { details: true }) };
}

function diff(base: Record<string, string>, head: Record<string, string>): RoadmapDiff {
  return diffReports({ base: { label: 'main', projects: [side(base)] }, head: { label: 'working tree', projects: [side(head)] } });
}

function req(id: string, title: string, evidence: string[], status = 'proposed'): string {
  const items = evidence.map((e) => `      - ${e}\n`).join('');
  return `  - id: ${id}\n    title: ${title}\n    status: ${status}\n${items ? `    evidence:\n${items}` : ''}`;
}
const file = (...reqs: string[]) => `requirements:\n${reqs.join('')}`;
const interview = (account: string, date = '2026-10-01') => `{ kind: interview, account: ${account}, date: ${date} }`;
const deal = (account: string, id: string, date = '2026-10-02') => `{ kind: sales-deal, account: ${account}, deal: ${id}, date: ${date} }`;
const tickets = (n: number, date = '2026-10-03') => `{ kind: support-tickets, count: ${n}, date: ${date} }`;

const ids = (list: { id?: string }[]) => list.map((r) => r.id);

describe('renamed: the same content under a new id', () => {
  it('the same title and the same complete evidence, in any order, is a rename', () => {
    const d = diff(
      { '/w/a.req.yaml': file(req('A-1', 'Dark mode', [interview('Globex AG'), tickets(3)])) },
      { '/w/a.req.yaml': file(req('UI-7', 'Dark mode', [tickets(3), interview('globex  ag')], 'validated')) },
    );
    assert.deepEqual(
      d.renamed.map((r) => [r.from, r.id]),
      [['A-1', 'UI-7']],
    );
    assert.deepEqual([d.added, d.removed], [[], []]);
  });

  it('a title spelt differently, or evidence that differs in one date, is not the same content', () => {
    for (const head of [
      req('UI-7', 'Dark Mode', [interview('Globex AG'), tickets(3)]),
      req('UI-7', 'Dark mode', [interview('Globex AG', '2026-10-09'), tickets(3)]),
      req('UI-7', 'Dark mode', [interview('Globex AG')]),
    ]) {
      const d = diff({ '/w/a.req.yaml': file(req('A-1', 'Dark mode', [interview('Globex AG'), tickets(3)])) }, { '/w/a.req.yaml': file(head) });
      assert.deepEqual(d.renamed, []);
      assert.deepEqual([ids(d.removed), ids(d.added)], [['A-1'], ['UI-7']]);
    }
  });

  it('two new ids with the same content are not a rename of one (which would be a guess)', () => {
    const d = diff(
      { '/w/a.req.yaml': file(req('A-1', 'Dark mode', [tickets(3)])) },
      { '/w/a.req.yaml': file(req('UI-7', 'Dark mode', [tickets(3)]), req('UI-8', 'Dark mode', [tickets(3)])) },
    );
    assert.deepEqual(d.renamed, []);
    assert.deepEqual([ids(d.removed), ids(d.added)], [['A-1'], ['UI-7', 'UI-8']]);
  });

  it('a title alone is enough when neither side has evidence; an untitled requirement is never recognised', () => {
    const d = diff({ '/w/a.req.yaml': file(req('A-1', 'Dark mode', [])) }, { '/w/a.req.yaml': file(req('UI-7', 'Dark mode', [])) });
    assert.deepEqual(d.renamed.map((r) => [r.from, r.id]), [['A-1', 'UI-7']]);
    const untitled = diff({ '/w/a.req.yaml': 'requirements:\n  - id: A-1\n    status: idea\n' }, { '/w/a.req.yaml': 'requirements:\n  - id: A-2\n    status: idea\n' });
    assert.deepEqual(untitled.renamed, []);
  });

  it('a renamed requirement that also changed files is renamed (the new place named), not moved', () => {
    const d = diff(
      { '/w/a.req.yaml': file(req('A-1', 'Dark mode', [tickets(3)])) },
      { '/w/a.req.yaml': file(), '/w/b.req.yaml': file(req('UI-7', 'Dark mode', [tickets(3)])) },
    );
    assert.deepEqual(d.renamed.map((r) => [r.from, r.id, r.path]), [['A-1', 'UI-7', 'b.req.yaml']]);
    assert.deepEqual(d.moved, []);
  });
});

describe('pairing by id', () => {
  it('a duplicated id pairs in order: the first with the first', () => {
    const d = diff(
      { '/w/a.req.yaml': file(req('A-1', 'One', [tickets(1)]), req('A-1', 'Two', [tickets(2)])) },
      { '/w/a.req.yaml': file(req('A-1', 'One', [tickets(1)]), req('A-1', 'Two', [tickets(2)], 'roadmap')) },
    );
    assert.deepEqual(d.entered.map((r) => r.title), ['Two']);
    assert.deepEqual([d.added, d.removed, d.moved], [[], [], []]);
  });

  it('the same id in two projects is two requirements; one moving into a new project is moved', () => {
    const base = [side({ '/w/a.req.yaml': file(req('X-1', 'Root', [tickets(1)])) }), side({ '/w/p/b.req.yaml': file(req('X-1', 'Package', [tickets(1)])) }, 'p')];
    const head = [side({ '/w/a.req.yaml': file(req('X-1', 'Root', [tickets(1)])) }), side({ '/w/p/b.req.yaml': file(req('X-1', 'Package', [tickets(1)])) }, 'p')];
    const same = diffReports({ base: { label: 'main', projects: base }, head: { label: 'working tree', projects: head } });
    assert.deepEqual([same.added, same.removed, same.moved], [[], [], []]);
    const moved = diffReports({
      base: { label: 'main', projects: [side({ '/w/q/c.req.yaml': file(req('Q-1', 'Q', [tickets(1)])) })] },
      head: { label: 'working tree', projects: [side({}), side({ '/w/q/c.req.yaml': file(req('Q-1', 'Q', [tickets(1)])) }, 'q', 'roadmap:\n  min-market-evidence: 2\n')] },
    });
    assert.deepEqual(moved.moved.map((m) => [m.id, m.from.project, m.project]), [['Q-1', '.', 'q']]);
    assert.deepEqual(moved.policy.map((p) => [p.project, p.config, p.settings.map((s) => `${s.setting} ${s.base} → ${s.head}`)]), [
      ['q', 'added', ['roadmap.min-market-evidence 1 → 2']],
    ]);
  });
});

describe('failsReview', () => {
  it('blocked fails on the gate, at-risk also on at risk, never on nothing', () => {
    const blocked = diff({ '/w/a.req.yaml': file(req('A-1', 'One', [deal('Acme', 'O-1')], 'validated')) }, { '/w/a.req.yaml': file(req('A-1', 'One', [deal('Acme', 'O-1')], 'roadmap')) });
    assert.deepEqual([failsReview(blocked, 'blocked'), failsReview(blocked, 'at-risk'), failsReview(blocked, 'never')], [true, true, false]);
    const ready = diff({ '/w/a.req.yaml': file(req('A-1', 'One', [interview('Globex')], 'validated')) }, { '/w/a.req.yaml': file(req('A-1', 'One', [interview('Globex')], 'roadmap')) });
    assert.deepEqual([failsReview(ready, 'blocked'), failsReview(ready, 'at-risk'), failsReview(ready, 'never')], [false, false, false]);
    // Already blocked at the base and still: not this change's doing.
    const still = diff(
      { '/w/a.req.yaml': file(req('A-1', 'One', [deal('Acme', 'O-1')], 'roadmap')) },
      { '/w/a.req.yaml': file(req('A-1', 'One (renamed title)', [deal('Acme', 'O-1')], 'roadmap')) },
    );
    assert.equal(failsReview(still, 'blocked'), false);
  });
});

describe('the report model stays as it was', () => {
  it('without `details`, no requirement carries `detail` and the report has no `rules`: the report fixtures do not change', () => {
    const ws = workspaceOf({ '/w/a.req.yaml': file(req('A-1', 'One', [deal('Acme', 'O-1')], 'roadmap')) });
    const plain = buildReport(ws) as unknown as Record<string, unknown>;
    assert.equal('rules' in plain, false);
    assert.equal('detail' in (plain.requirements as object[])[0], false);
    const detailed = buildReport(ws, { details: true });
    assert.deepEqual(detailed.requirements[0].detail, {
      evidence: [{ kind: 'sales-deal', class: 'sales', account: 'Acme', deal: 'O-1', date: '2026-10-02' }],
    });
    assert.equal(detailed.today, TODAY);
  });

  it('a waiver is recorded whatever the verdict; an owner approving their own is marked', () => {
    const ws = workspaceOf({
      '/w/a.req.yaml': 'requirements:\n  - id: A-1\n    title: One\n    status: proposed\n    owner: kim@example.com\n    waiver:\n      reason: Because.\n      approved-by: KIM@example.com\n',
    });
    assert.deepEqual(buildReport(ws, { details: true }).requirements[0].detail?.waiver, {
      reason: 'Because.',
      approvedBy: 'KIM@example.com',
      complete: false,
      selfApproved: true,
    });
  });
});
