#!/usr/bin/env node
// The whole end-to-end run, as npm run test:e2e and npm test start it:
//   1. install code-server into .vscode-e2e/ (setup.mjs; a fraction of a second once installed),
//   2. package the extension (npm run package: inbound.vsix), bundle the suite (test/vscode/build.mjs),
//   3. the extension-host suite in code-server with the extension installed from inbound.vsix, in
//      VS Code's Node extension host and again in the web worker extension host (VS Code for the Web),
//   4. the UI tests in the browser: the examples (ui.test.mjs), and a first run in an empty folder
//      (first-run.test.mjs).
// Steps 3 and 4 run with loopback as the only network where the machine allows (lib/offline.mjs).
//
//   node test/e2e/run.mjs                      a machine that cannot run it (no chromium, another
//                                              Node major, no code-server) fails, saying why
//   node test/e2e/run.mjs --skip-unavailable   such a machine skips it, saying why; unless
//                                              INBOUND_REQUIRE_BROWSER=1 (CI), where it still fails
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { canIsolate, loopbackOnly } from './lib/offline.mjs';
import { PREFIX, ROOT, RUNS } from './lib/paths.mjs';
import { missingPrerequisite, setup, Unavailable } from './setup.mjs';

const mayskip = process.argv.includes('--skip-unavailable') && process.env.INBOUND_REQUIRE_BROWSER !== '1';
const times = [];

function timed(name, body) {
  const started = Date.now();
  const result = body();
  times.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

function unavailable(reason) {
  if (mayskip) {
    console.log(`\nEnd-to-end tests in VS Code SKIPPED: ${reason}.\n(With INBOUND_REQUIRE_BROWSER=1, as in CI, this is a failure.)`);
    process.exit(0);
  }
  console.error(`\nEnd-to-end tests in VS Code cannot run: ${reason}.`);
  process.exit(1);
}

/** Runs a command in the project folder; quiet ones show their output only when they fail. */
function run(command, args, { quiet = false, env } = {}) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8', env: env && { ...process.env, ...env } });
  if (quiet && r.status !== 0) process.stderr.write(`${r.stdout}${r.stderr}`);
  return r.status ?? 1;
}

/**
 * One run at a time per checkout: runs share the install, inbound.vsix, the bundled suite and
 * test-artifacts/. A second `npm test` waits for the first; a lock left by a process that died is
 * taken over.
 */
async function lock() {
  const file = path.join(PREFIX, 'run.lock');
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      process.on('exit', () => fs.rmSync(file, { force: true }));
      return;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let holder;
    try {
      holder = Number(fs.readFileSync(file, 'utf8'));
    } catch {
      continue; // released meanwhile
    }
    if (holder > 0 && !alive(holder)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (!told) console.log(`waiting for the end-to-end run of process ${holder || '(starting)'} to finish…`);
    told = true;
    await sleep(1000);
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

console.log('\nEnd-to-end tests in VS Code (code-server, chromium)');
const missing = missingPrerequisite();
if (missing) unavailable(missing);
fs.mkdirSync(PREFIX, { recursive: true });
await lock();
// A failed run keeps its folder (logs, user data, workspace) for a look; the last few are enough.
if (fs.existsSync(RUNS)) {
  for (const old of fs.readdirSync(RUNS).sort().slice(0, -5)) fs.rmSync(path.join(RUNS, old), { recursive: true, force: true });
}
try {
  timed('install', () => setup());
} catch (e) {
  // A machine without what the install needs is unavailable; so, on a developer's machine, is one
  // where the install failed (no registry, a broken toolchain): the error says which.
  if (e instanceof Unavailable || mayskip) unavailable(e instanceof Unavailable ? e.message : `code-server could not be installed: ${e.message}`);
  throw e;
}

if (timed('package', () => run('npm', ['run', 'package'], { quiet: true })) !== 0) {
  console.error('npm run package failed');
  process.exit(1);
}
if (timed('bundle suite', () => run(process.execPath, ['test/vscode/build.mjs'])) !== 0) process.exit(1);

if (!canIsolate()) console.log('(no network namespace here: the tests run with the network the machine has)');
const suiteIn = (host) => run(...loopbackOnly(process.execPath, ['test/e2e/suite.mjs']), { env: { INBOUND_SUITE_HOSTS: host } });
const suite = timed('suite (Node host)', () => suiteIn('node'));
const webSuite = timed('suite (web worker host)', () => suiteIn('web'));
const ui = timed('ui test', () => run(...loopbackOnly(process.execPath, ['--test', '--test-reporter=spec', 'test/e2e/ui.test.mjs'])));
const firstRun = timed('first-run ui test', () => run(...loopbackOnly(process.execPath, ['--test', '--test-reporter=spec', 'test/e2e/first-run.test.mjs'])));

const verdict = (code) => (code === 0 ? 'passed' : 'FAILED');
console.log(
  `\nEnd-to-end: suite ${verdict(suite)} (Node host), ${verdict(webSuite)} (web worker host), UI test ${verdict(ui)}, first-run UI test ${verdict(firstRun)} (${times.join(', ')}); screenshots in test-artifacts/`,
);
process.exit(suite || webSuite || ui || firstRun);
