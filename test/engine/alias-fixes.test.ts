/**
 * A finding reached through a YAML alias is shown on the alias (`- *req`, `status: *s`). A quick
 * fix that replaces the finding's text would write over the alias and break the file, and one that
 * edited the anchor would change the other occurrence too: none is offered there.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixesFor, Workspace } from '../../server/src/engine';

const FILE = '/w/alias.req.yaml';
const TEXT = `requirements:
  - &req
    id: CHK-1
    title: First
    status: &s roadmap
    evidence:
      - kind: sales-deal
        account: Acme GmbH
        deal: OPP-1
        date: 2026-09-12
  - *req
  - id: CHK-2
    title: Second
    status: *s
`;

describe('quick fixes on findings shown on an alias', () => {
  it('offer no edit that would write over the alias', () => {
    const ws = new Workspace({ today: '2026-11-23' });
    ws.setFile(FILE, TEXT);
    const diagnostics = ws.diagnostics(FILE).diagnostics;
    const onAlias = diagnostics.filter((d) => TEXT[d.span.start] === '*');
    assert.deepEqual([...new Set(onAlias.map((d) => d.code))].sort(), ['duplicate-id', 'roadmap-gate', 'single-deal']);
    for (const d of onAlias) {
      for (const fix of fixesFor(ws, FILE, d)) {
        for (const e of fix.edits) {
          assert.ok(e.span.end <= d.span.start || e.span.start >= d.span.end, `'${fix.title}' for ${d.code} writes over the alias at ${d.span.start}`);
        }
      }
    }
    // The anchored copy still gets its fixes.
    const first = diagnostics.find((d) => d.code === 'duplicate-id' && TEXT[d.span.start] !== '*')!;
    assert.deepEqual(fixesFor(ws, FILE, first).map((f) => f.title), ['Use next free id CHK-3', 'Silence with a reason (duplicate-id)']);
  });
});
