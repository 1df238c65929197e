#!/usr/bin/env node
// Runs the extension-host suite (test/vscode/suite) in code-server, with the extension installed from
// inbound.vsix: the offline counterpart of test/vscode/run-electron.mjs. Expects the install
// (setup.mjs), the package (npm run package) and the bundled suite (test/vscode/build.mjs); run.mjs
// does all of that first. Exit code: the suite's.
import fs from 'node:fs';
import path from 'node:path';
import { makeWorkspace, TODAY } from '../vscode/workspace.mjs';
import { runExtensionTests } from './lib/extension-tests.mjs';
import { newRunDir } from './lib/code-server.mjs';
import { ARTIFACTS, SUITE, VSIX } from './lib/paths.mjs';

for (const [file, how] of [[VSIX, 'npm run package'], [SUITE, 'node test/vscode/build.mjs']]) {
  if (!fs.existsSync(file)) {
    console.error(`${path.relative(process.cwd(), file)} is missing: run ${how} first`);
    process.exit(2);
  }
}
const started = Date.now();
const runDir = newRunDir('suite');
fs.mkdirSync(ARTIFACTS, { recursive: true });
const code = await runExtensionTests({
  runDir,
  vsix: VSIX,
  extensionId: 'inbound.inbound',
  tests: SUITE,
  folder: makeWorkspace(path.join(runDir, 'workspace')),
  env: {
    INBOUND_TODAY: TODAY,
    ...(process.env.INBOUND_SUITE_GREP ? { INBOUND_SUITE_GREP: process.env.INBOUND_SUITE_GREP } : {}),
  },
  screenshot: path.join(ARTIFACTS, 'vscode-suite.png'),
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (code === 0 && !process.env.INBOUND_E2E_KEEP) fs.rmSync(runDir, { recursive: true, force: true });
else console.error(`logs, user data and the workspace of this run: ${runDir}`);
console.log(`extension-host suite in code-server: exit ${code} in ${seconds} s`);
process.exit(code);
