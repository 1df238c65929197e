// Runs every test file under test/ (except the suites that run inside VS Code) with node's test
// runner. Node 20 does not expand globs for --test, so the list is built here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const skip = new Set(['fixtures', 'e2e', 'vscode']);
function collect(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skip.has(name) ? [] : collect(path);
    return /\.test\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length ? only : collect('test').sort();
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
