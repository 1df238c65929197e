/**
 * Results never depend on the order files were read in: the editor indexes in batches, opens files
 * first, and sees them deleted and re-added in any order, while the CLI reads them sorted. With
 * duplicate ids, cycles and mistyped references across files, every order gives the same findings.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Workspace } from '../../server/src/engine';
import { assertProperty } from '../robustness/arbitraries';

const TODAY = '2026-11-23';

const FILES: Record<string, string> = {
  '/w/a.req.yaml': 'requirements:\n  - id: CHK-1\n    title: First\n    status: idea\n    depends-on: [CHK-2]\n  - id: CHK-3\n    title: Loops\n    status: idea\n    depends-on: [CHK-3, CHK-1]\n',
  '/w/b.req.yaml': 'requirements:\n  - id: CHK-1\n    title: Copy\n    status: idea\n    depends-on: [CHK-3]\n  - id: CHK-2\n    title: Second\n    status: idea\n    depends-on: [CHK-1]\n',
  '/w/c.req.yaml': 'requirements:\n  - id: CHK-2\n    title: Another copy\n    status: idea\n    depends-on: [CHK-12, CHK-21]\n  - id: CHK-4\n    title: Fourth\n    status: idea\n    depends-on: [CHK-5]\n',
  '/w/d.req.yaml': 'requirements:\n  - id: CHK-5\n    title: Fifth\n    status: idea\n    depends-on: [CHK-4]\n  - id: CHK-11\n    title: Eleven\n    status: idea\n',
};
const NAMES = Object.keys(FILES);

function everything(ws: Workspace) {
  return [...ws.allDiagnostics()].map(([file, d]) => ({ file, ...d }));
}

describe('file order', () => {
  const sorted = new Workspace({ today: TODAY });
  for (const name of [...NAMES].sort()) sorted.setFile(name, FILES[name]);
  const expected = everything(sorted);

  it('the fixture has duplicate ids, cycles and mistyped references to judge', () => {
    const codes = new Set<string>(expected.flatMap((f) => f.diagnostics.map((d) => d.code)));
    for (const code of ['duplicate-id', 'dependency-cycle', 'unknown-reference']) assert.ok(codes.has(code), code);
  });

  it('any order of reading, deleting and re-adding files gives the same findings, messages and suggestions', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('set' as const), file: fc.constantFrom(...NAMES) }),
      fc.record({ op: fc.constant('delete' as const), file: fc.constantFrom(...NAMES) }),
    );
    assertProperty(
      fc.property(fc.shuffledSubarray(NAMES, { minLength: NAMES.length }), fc.array(step, { maxLength: 12 }), (order, steps) => {
        const ws = new Workspace({ today: TODAY });
        for (const name of order) ws.setFile(name, FILES[name]);
        for (const s of steps) {
          if (s.op === 'set') ws.setFile(s.file, FILES[s.file]);
          else ws.deleteFile(s.file);
          everything(ws);
        }
        // Whatever happened, every file is back at the end, added in the order the steps left.
        for (const name of NAMES) if (!ws.has(name)) ws.setFile(name, FILES[name]);
        assert.deepEqual(everything(ws), expected);
      }),
    );
  });
});
