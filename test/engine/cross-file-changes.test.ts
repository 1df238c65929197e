/**
 * Which files an edit touches across the workspace: a duplicate id's related location points into
 * another file, so an edit that moves that id (a line added above it) changes what the first file
 * must show, though none of its own findings changed. An editor republishes exactly those files.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Workspace } from '../../server/src/engine';

const A = 'requirements:\n  - id: CHK-1\n    title: First\n    status: idea\n';
const B =
  'requirements:\n  - id: CHK-2\n    title: Second\n    status: idea\n  - id: CHK-1\n    title: Copy\n    status: idea\n  - id: CHK-3\n    title: Third\n    status: idea\n';

describe('files an edit changes across the workspace', () => {
  it('a duplicate id moved in one file changes the related location shown in the other', () => {
    const ws = new Workspace({ today: '2026-11-23' });
    ws.setFile('/w/a.req.yaml', A);
    ws.setFile('/w/b.req.yaml', B);
    ws.takeChanged();
    const before = ws.diagnostics('/w/a.req.yaml').diagnostics[0].related![0].span.start;
    // Typed inside CHK-2, above the copy: only that requirement is re-read, the copy moves.
    for (let i = 1; i <= 3; i++) {
      ws.setFile('/w/b.req.yaml', B.replace('title: Second', `title: Second${'!'.repeat(i)}`));
      assert.deepEqual(ws.takeChanged().sort(), ['/w/a.req.yaml', '/w/b.req.yaml'], `edit ${i}`);
      assert.equal(ws.diagnostics('/w/a.req.yaml').diagnostics[0].related![0].span.start, before + i);
    }
    // An edit that moves nothing another file points at leaves that file alone.
    ws.setFile('/w/b.req.yaml', B.replace('title: Second', 'title: Second!!!').replace('title: Third', 'title: Third!'));
    assert.deepEqual(ws.takeChanged(), ['/w/b.req.yaml']);
  });
});
