// @vscode/test-electron's runTests(), on code-server. code-server's command line has no
// --extensionTestsPath, but its web workbench takes the same launch arguments in the `payload` query
// parameter, as VS Code for the web does for an Extension Development Host window. The workbench then
// has the Node extension host require() the tests module and call its run(); when that settles, the
// page calls window.codeAutomationExit(code), and while it runs it hands the extension host's console
// output to window.codeAutomationLog(type, args). @vscode/test-web listens on the same two hooks.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { launchBrowser, openWorkbench } from './browser.mjs';
import { remoteUri, startCodeServer } from './code-server.mjs';

/** Workbench chatter that says nothing about the tests; it still goes to workbench.log. */
const NOISE = [
  /Ignoring fetching additional builtin extensions from gallery/,
  /Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^Creating a socket \(/,
  /^Started local extension host/,
  /^Extension host with pid/,
  /^Resolv(ing|ed) connection token/,
  /ChatSessionStore/,
  /^Creation of workbench contribution/,
];

/**
 * Installs the .vsix in a fresh code-server, opens `folder` with the installed extension as the
 * extension under development and `tests` as its tests module, and resolves to the exit code the
 * extension host reports: 0 when run() resolved. Options: runDir, vsix, extensionId, tests, folder,
 * env, settings (the profile's), timeoutMs, screenshot. With `testsInExtension`, the tests module is
 * copied into the installed extension's folder first: the web worker extension host loads it only
 * from there (it fetches the file, and serves only extensions' own files).
 */
export async function runExtensionTests({ runDir, vsix, extensionId, tests, testsInExtension = false, folder, env, settings, timeoutMs = 10 * 60_000, screenshot }) {
  const server = await startCodeServer({ runDir, vsix: [vsix], env, settings });
  const workbenchLog = fs.createWriteStream(path.join(runDir, 'workbench.log'));
  let browser;
  try {
    browser = await launchBrowser(runDir);
    const { page } = browser;
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      workbenchLog.write(`[${type}] ${line}\n`);
      if (!NOISE.some((re) => re.test(line))) (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
    });
    page.on('pageerror', (e) => workbenchLog.write(`[pageerror] ${e.stack ?? e}\n`));
    // The extension as the .vsix installed it is the one under development, so the tests exercise
    // exactly what a user gets from the package.
    const installed = server.installedExtension(extensionId);
    let testsPath = tests;
    if (testsInExtension) {
      testsPath = path.join(installed, 'test-suite', path.basename(tests));
      fs.mkdirSync(path.dirname(testsPath), { recursive: true });
      fs.copyFileSync(tests, testsPath);
    }
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server, installed)],
      ['extensionTestsPath', remoteUri(server, testsPath)],
    ];
    await openWorkbench(page, server, { folder, payload });
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    let code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (code === 'timeout') {
      process.stderr.write(`the extension tests did not finish within ${timeoutMs / 1000} s\n`);
      code = 1;
    }
    if (screenshot) await page.screenshot({ path: screenshot }).catch(() => undefined);
    if (browser.foreign.length) {
      process.stderr.write(`the workbench made requests off this machine:\n  ${browser.foreign.join('\n  ')}\n`);
      code ||= 1;
    }
    return code;
  } finally {
    await browser?.context.close().catch(() => undefined);
    await server.stop();
    workbenchLog.end();
  }
}
