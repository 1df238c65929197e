// Runs every test file under test/ (except the suites that run inside VS Code) with node's test
// runner, then the end-to-end tests in VS Code. Node 20 does not expand globs for --test, so the list
// is built here.
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
let status = result.status ?? 1;
// A full run ends with the extension in a real VS Code (test/e2e/run.mjs). Where the machine has no
// browser or code-server it is skipped with a message, unless INBOUND_REQUIRE_BROWSER=1 (as in CI).
if (!only.length) {
  const e2e = spawnSync(process.execPath, ['test/e2e/run.mjs', '--skip-unavailable'], { stdio: 'inherit' });
  status ||= e2e.status ?? 1;
}
process.exit(status);
