// The folder both runners open: a copy of examples/ with the suite's own scenarios in scenarios/.
// A copy, because the tests create, edit, rename and delete files in it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Fills dir (made empty first) with the test workspace and returns its absolute path. */
export function makeWorkspace(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(root, 'examples'), dir, { recursive: true });
  fs.cpSync(path.join(root, 'test', 'vscode', 'fixtures', 'scenarios'), path.join(dir, 'scenarios'), { recursive: true });
  return path.resolve(dir);
}
