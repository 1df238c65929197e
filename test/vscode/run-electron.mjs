#!/usr/bin/env node
// npm run test:vscode: the extension-host suite in desktop VS Code, which @vscode/test-electron
// downloads from Microsoft's update server (so this needs the internet; offline, npm run test:e2e
// runs the same suite in code-server). The extension is loaded from this checkout (dist/, built by
// npm run build); INBOUND_VSCODE_VERSION picks the VS Code release (default: the latest stable).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { makeWorkspace, TODAY } from './workspace.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tests = path.join(root, 'out', 'vscode', 'suite', 'index.js');
if (!fs.existsSync(tests)) {
  console.error('out/vscode/suite is missing: run node test/vscode/build.mjs first');
  process.exit(2);
}

// A fresh profile every run, so nothing from an earlier run or from the machine's VS Code leaks in.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'inbound-vscode-'));
const userData = path.join(scratch, 'user-data');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify(
    {
      // Export Report…'s save dialog as a quick input the suite can accept, as in the browser.
      'files.simpleDialog.enable': true,
      'files.autoSave': 'off',
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoUpdate': false,
      'git.enabled': false,
    },
    null,
    2,
  ),
);

let code = 0;
try {
  await runTests({
    version: process.env.INBOUND_VSCODE_VERSION || undefined,
    extensionDevelopmentPath: root,
    extensionTestsPath: tests,
    // The first argument is what the window opens.
    launchArgs: [
      makeWorkspace(path.join(scratch, 'workspace')),
      '--disable-extensions',
      `--user-data-dir=${userData}`,
      `--extensions-dir=${path.join(scratch, 'extensions')}`,
    ],
    // The extension host's environment, which the language server inherits: the server's clock.
    extensionTestsEnv: {
      INBOUND_TODAY: TODAY,
      ...(process.env.INBOUND_SUITE_GREP ? { INBOUND_SUITE_GREP: process.env.INBOUND_SUITE_GREP } : {}),
    },
  });
} catch (e) {
  console.error(`the extension tests failed: ${e instanceof Error ? e.message : e}`);
  code = 1;
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
