// The folder both runners open: a copy of examples/ with the suite's own scenarios in scenarios/.
// A copy, because the tests create, edit, rename and delete files in it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The server's clock while the tests run (INBOUND_TODAY in the environment of VS Code, which the
 * extension host and the language server inherit), so the date rules never drift.
 */
export const TODAY = '2026-11-23';

/**
 * Fills dir (made empty first) with the test workspace and returns its absolute path. Without
 * scenarios, it is the examples alone, as a user who opens examples/ sees them.
 */
export function makeWorkspace(dir, { scenarios = true } = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(root, 'examples'), dir, { recursive: true });
  if (scenarios) fs.cpSync(path.join(root, 'test', 'vscode', 'fixtures', 'scenarios'), path.join(dir, 'scenarios'), { recursive: true });
  return path.resolve(dir);
}
