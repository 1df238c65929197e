#!/usr/bin/env node
// Runs the extension-host suite (test/vscode/suite) in code-server, with the extension installed from
// inbound.vsix: the offline counterpart of test/vscode/run-electron.mjs. Twice, with the same .vsix:
// in VS Code's Node extension host, and in the web worker extension host of VS Code for the Web (the
// profile's remote.extensionKind puts the extension there, as VS Code for the Web runs it; the suite
// checks it really ran there, see host.test.ts). Expects the install (setup.mjs), the package
// (npm run package) and the bundled suites (test/vscode/build.mjs); run.mjs does all of that first.
// INBOUND_SUITE_HOSTS=node or =web runs one of them. Exit code: 0 when both passed.
import fs from 'node:fs';
import path from 'node:path';
import { makeWorkspace, TODAY } from '../vscode/workspace.mjs';
import { runExtensionTests } from './lib/extension-tests.mjs';
import { newRunDir } from './lib/code-server.mjs';
import { ARTIFACTS, SUITE, VSIX, WEB_SUITE } from './lib/paths.mjs';

const EXTENSION = 'inbound.inbound';
const HOSTS = {
  node: { tests: SUITE, settings: {} },
  web: {
    tests: WEB_SUITE,
    testsInExtension: true,
    settings: {
      'remote.extensionKind': { [EXTENSION]: ['web'] },
      // The worker has no environment to read INBOUND_TODAY from (see client/src/browser-extension.ts).
      'inbound.today': TODAY,
    },
  },
};
const chosen = (process.env.INBOUND_SUITE_HOSTS ?? 'node,web').split(',').map((h) => h.trim()).filter(Boolean);

for (const [file, how] of [[VSIX, 'npm run package'], [SUITE, 'node test/vscode/build.mjs'], [WEB_SUITE, 'node test/vscode/build.mjs']]) {
  if (!fs.existsSync(file)) {
    console.error(`${path.relative(process.cwd(), file)} is missing: run ${how} first`);
    process.exit(2);
  }
}
fs.mkdirSync(ARTIFACTS, { recursive: true });
const results = [];
for (const host of chosen) {
  const options = HOSTS[host];
  if (!options) {
    console.error(`INBOUND_SUITE_HOSTS names '${host}'; the hosts are ${Object.keys(HOSTS).join(', ')}`);
    process.exit(2);
  }
  console.log(`\nThe suite in the ${host === 'web' ? 'web worker' : 'Node'} extension host`);
  const started = Date.now();
  const runDir = newRunDir(`suite-${host}`);
  const code = await runExtensionTests({
    runDir,
    vsix: VSIX,
    extensionId: EXTENSION,
    tests: options.tests,
    testsInExtension: options.testsInExtension,
    settings: options.settings,
    folder: makeWorkspace(path.join(runDir, 'workspace')),
    env: {
      INBOUND_TODAY: TODAY,
      ...(process.env.INBOUND_SUITE_GREP ? { INBOUND_SUITE_GREP: process.env.INBOUND_SUITE_GREP } : {}),
    },
    screenshot: path.join(ARTIFACTS, host === 'node' ? 'vscode-suite.png' : `vscode-suite-${host}.png`),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (code === 0 && !process.env.INBOUND_E2E_KEEP) fs.rmSync(runDir, { recursive: true, force: true });
  else console.error(`logs, user data and the workspace of this run: ${runDir}`);
  console.log(`extension-host suite in code-server (${host} host): exit ${code} in ${seconds} s`);
  results.push(code);
}
process.exit(results.some((c) => c !== 0) ? 1 : 0);
