/** The engine's API beyond what `--format json` shows: related locations, suppressions, fix data, updates. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Workspace } from '../../server/src/engine';

const TODAY = '2026-11-23';

function at(text: string, needle: string, nth = 0) {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(needle, start + 1);
  assert.ok(start >= 0, `${needle} in text`);
  return { start, end: start + needle.length };
}

const A = 'requirements:\n  - id: CHK-1\n    title: First\n    status: idea\n';
const B = 'requirements:\n  - id: CHK-1\n    title: Copy\n    status: idea\n    depends-on: [CHK-2]\n';

describe('Workspace', () => {
  it('points each duplicate id at the others in other files', () => {
    const ws = new Workspace({ today: TODAY });
    ws.setFile('/w/a.req.yaml', A);
    ws.setFile('/w/b.req.yaml', B);
    const [inA] = ws.diagnostics('/w/a.req.yaml').diagnostics;
    assert.equal(inA.code, 'duplicate-id');
    assert.deepEqual(inA.span, at(A, 'CHK-1'));
    assert.deepEqual(inA.related, [{ file: '/w/b.req.yaml', span: at(B, 'CHK-1'), message: 'CHK-1 is also used here for “Copy”.' }]);
  });

  it('clears cross-file findings when a file changes or goes away', () => {
    const ws = new Workspace({ today: TODAY });
    ws.setFile('/w/a.req.yaml', A);
    ws.setFile('/w/b.req.yaml', B);
    assert.deepEqual(ws.diagnostics('/w/b.req.yaml').diagnostics.map((d) => d.code), ['duplicate-id', 'unknown-reference']);
    ws.setFile('/w/c.req.yaml', 'requirements:\n  - id: CHK-2\n    title: Second\n    status: idea\n');
    assert.deepEqual(ws.diagnostics('/w/b.req.yaml').diagnostics.map((d) => d.code), ['duplicate-id']);
    ws.deleteFile('/w/a.req.yaml');
    assert.deepEqual(ws.diagnostics('/w/b.req.yaml').diagnostics, []);
    assert.deepEqual(ws.diagnostics('/w/a.req.yaml'), { diagnostics: [], suppressed: [] });
  });

  it('keeps silenced findings with their reason, for the reports', () => {
    const text =
      'requirements:\n  - id: CHK-1\n    title: T\n    status: validated\n    # inbound-ignore single-deal -- pilot for Acme\n' +
      '    evidence:\n      - kind: sales-deal\n        account: Acme\n        deal: OPP-1\n        date: 2026-09-12\n';
    const ws = new Workspace({ today: TODAY });
    ws.setFile('/w/a.req.yaml', text);
    const { diagnostics, suppressed } = ws.diagnostics('/w/a.req.yaml');
    assert.deepEqual(diagnostics, []);
    assert.equal(suppressed.length, 1);
    assert.equal(suppressed[0].code, 'single-deal');
    assert.equal(suppressed[0].reason, 'pilot for Acme');
    assert.deepEqual(suppressed[0].span, at(text, 'evidence'));
  });

  it('carries what a quick fix needs in data', () => {
    const text = 'requirements:\n  - id: CHK-1\n    titel: T\n    status: roadmapp\n  - id: CHK-2\n    status: idea\n';
    const ws = new Workspace({ today: TODAY });
    ws.setFile('/w/a.req.yaml', text);
    const ds = ws.diagnostics('/w/a.req.yaml').diagnostics;
    const titel = ds.find((d) => d.span.start === at(text, 'titel').start)!;
    assert.deepEqual(titel.data, { replacement: 'title' });
    const status = ds.find((d) => d.span.start === at(text, 'roadmapp').start)!;
    assert.deepEqual(status.data, { replacement: 'roadmap' });
    const missing = ds.filter((d) => d.data?.missingKey);
    assert.deepEqual(
      missing.map((d) => [d.data!.missingKey, text.slice(d.span.start, d.span.end)]),
      [['title', 'id: CHK-1'], ['title', 'id: CHK-2']],
    );
  });

  it('re-checks every file when the config or the clock changes', () => {
    const text = 'requirements:\n  - id: CHK-1\n    title: T\n    status: validated\n    evidence:\n      - kind: interview\n        account: Globex\n        date: 2026-01-01\n';
    const ws = new Workspace({ today: TODAY });
    ws.setFile('/w/a.req.yaml', text);
    assert.deepEqual(ws.diagnostics('/w/a.req.yaml').diagnostics, []);
    ws.setConfig('/w/inbound.config.yaml', 'stale-after-days: 100\n');
    assert.deepEqual(ws.diagnostics('/w/a.req.yaml').diagnostics.map((d) => [d.code, d.severity]), [['stale-evidence', 'information']]);
    ws.setToday('2025-12-01');
    assert.deepEqual(ws.diagnostics('/w/a.req.yaml').diagnostics.map((d) => d.code), ['future-evidence']);
    ws.setConfig(undefined, undefined);
    ws.setToday(TODAY);
    assert.deepEqual(ws.diagnostics('/w/a.req.yaml').diagnostics, []);
  });
});
