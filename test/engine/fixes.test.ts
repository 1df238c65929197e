/**
 * Every folder under test/fixtures/fixes/ is one quick fix, applied and re-checked: requirement
 * files, `case.json` and `after.yaml`, the exact text of the file once the fix is applied.
 *
 * case.json: { description, file, fix: { code, line, title, preferred? } | fixAll: true,
 *   after: ["code line:col", …]        the file's findings once fixed (1-based, in text order),
 *   then?: { replace: [old, new, …], after: [...] }   a person filling in the placeholders,
 *   otherFiles?: { name: [...] } }     findings of other files once fixed
 *
 * `UPDATE_FIXTURES=1` rewrites after.yaml; read the diff before committing it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, fixAllEdits, fixesFor } from '../../server/src/engine';
import type { Workspace } from '../../server/src/engine';
import { loadWorkspace } from '../../server/src/node/load-workspace';
import { updateMode } from '../update-mode';

const ROOT = join(__dirname, '..', 'fixtures', 'fixes');
const TODAY = '2026-11-23';
const update = updateMode();

interface Case {
  description: string;
  file: string;
  fix?: { code: string; line: number; title: string; preferred?: boolean };
  fixAll?: boolean;
  after: string[];
  then?: { replace: string[]; after: string[] };
  otherFiles?: Record<string, string[]>;
}

/** "code line:col", 1-based, as a person reads it in the Problems view. */
function findings(ws: Workspace, file: string): string[] {
  const lines = ws.linesOf(file)!;
  return ws.diagnostics(file).diagnostics.map((d) => {
    const p = lines.positionAt(d.span.start);
    return `${d.code} ${p.line + 1}:${p.character + 1}`;
  });
}

const cases = readdirSync(ROOT).filter((n) => statSync(join(ROOT, n)).isDirectory()).sort();

describe('quick fixes', () => {
  for (const name of cases) {
    const dir = join(ROOT, name);
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
    it(`${name}: ${spec.description}`, () => {
      const { workspace: ws } = loadWorkspace({ paths: [dir], today: TODAY, cwd: dir });
      const file = join(dir, spec.file);
      const text = ws.get(file)!.text;
      let edits;
      if (spec.fixAll) {
        edits = fixAllEdits(ws, file);
      } else {
        const want = spec.fix!;
        const lines = ws.linesOf(file)!;
        const diagnostic = ws
          .diagnostics(file)
          .diagnostics.find((d) => d.code === want.code && lines.positionAt(d.span.start).line + 1 === want.line);
        assert.ok(diagnostic, `a ${want.code} finding on line ${want.line}; found ${findings(ws, file).join(', ')}`);
        const offered = fixesFor(ws, file, diagnostic);
        const fix = offered.find((f) => f.title === want.title);
        assert.ok(fix, `fix "${want.title}" among: ${offered.map((f) => f.title).join(' | ')}`);
        if (want.preferred !== undefined) assert.equal(!!fix.preferred, want.preferred, 'preferred');
        edits = fix.edits;
      }
      const fixed = applyEdits(text, edits);
      const afterPath = join(dir, 'after.yaml');
      if (update) writeFileSync(afterPath, fixed);
      assert.equal(fixed, readFileSync(afterPath, 'utf8'), 'the fixed text');

      ws.setFile(file, fixed);
      assert.deepEqual(findings(ws, file), spec.after, 'findings once fixed');
      for (const [other, expected] of Object.entries(spec.otherFiles ?? {})) {
        assert.deepEqual(findings(ws, join(dir, other)), expected, `findings of ${other}`);
      }
      if (spec.then) {
        let filled = fixed;
        for (let i = 0; i < spec.then.replace.length; i += 2) {
          assert.ok(filled.includes(spec.then.replace[i]), `placeholder ${JSON.stringify(spec.then.replace[i])}`);
          filled = filled.replace(spec.then.replace[i], spec.then.replace[i + 1]);
        }
        ws.setFile(file, filled);
        assert.deepEqual(findings(ws, file), spec.then.after, 'findings once the placeholders are filled in');
      }
    });
  }
});
