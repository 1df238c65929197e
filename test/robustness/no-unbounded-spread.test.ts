/**
 * A class of crash, closed for good: spreading an array into a call's arguments (`list.push(...xs)`,
 * `Math.max(...xs)`) puts every element on the stack, and a file with 130,000 `depends-on` entries
 * made the CLI die with "Maximum call stack size exceeded" and the server publish nothing. This test
 * reads the source with TypeScript's own parser and refuses any spread argument that is not an
 * array literal written out in place.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const REPO = join(__dirname, '..', '..');
const ROOTS = ['server/src', 'client/src', 'schemas'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function spreadCalls(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
      for (const arg of node.arguments) {
        // `f(...[a, b])` spreads what is written in place, and `join(root, ...path.split('/'))` a
        // path's segments, bounded by the system's path length: both fine. Anything else may be huge.
        if (ts.isSpreadElement(arg) && !ts.isArrayLiteralExpression(arg.expression) && !pathSegments(arg.expression)) {
          const { line } = source.getLineAndCharacterOfPosition(arg.getStart());
          found.push(`${relative(REPO, file)}:${line + 1}: ${node.getText().slice(0, 80)}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `<expr>.split('/')`: the segments of a path, never more than the system lets a path have. */
function pathSegments(e: ts.Expression): boolean {
  return (
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    e.expression.name.text === 'split' &&
    e.arguments.length === 1 &&
    ts.isStringLiteral(e.arguments[0]) &&
    (e.arguments[0].text === '/' || e.arguments[0].text === '\\')
  );
}

describe('no spread of unbounded data into call arguments', () => {
  it('the source spreads no array into a call', () => {
    const files = ROOTS.flatMap((r) => sources(join(REPO, r)));
    assert.ok(files.length > 50, `read ${files.length} source files`);
    assert.deepEqual(files.flatMap(spreadCalls), []);
  });
});
