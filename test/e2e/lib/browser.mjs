// Debian's chromium, driven by playwright-core, shows the workbench. The VS Code server starts an
// extension host only when a workbench connects, so even the tests that only use the `vscode` API
// need a browser.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './paths.mjs';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-crash-reporter',
  '--disable-quic',
  // No host name resolves. 127.0.0.1 has to be excluded by name: the rule maps IP literals too.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/**
 * A browser with a fresh profile in the run folder. Resolves to { context, page, foreign }, where
 * foreign lists every request the page made to anything but this machine (there should be none).
 */
export async function launchBrowser(runDir, { viewport = { width: 1280, height: 800 } } = {}) {
  // launch() refuses a --user-data-dir; a persistent context takes the profile folder instead.
  const context = await chromium.launchPersistentContext(path.join(runDir, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
    timeout: 60_000,
    // Chromium's crash handler writes under $XDG_CONFIG_HOME whatever the profile folder is.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(runDir, 'xdg', 'chromium-config'), XDG_CACHE_HOME: path.join(runDir, 'xdg', 'chromium-cache') },
  });
  const foreign = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    // A webview (the Markdown preview of a rule page) names its resources by the virtual host
    // *.vscode-resource.vscode-cdn.net; the webview's service worker answers them from the VS Code
    // server on this machine, so they never reach the network (nor resolve: see ARGS).
    if (url.hostname.endsWith('.vscode-resource.vscode-cdn.net')) return;
    if (!['127.0.0.1', 'localhost'].includes(url.hostname)) foreign.push(request.url());
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, foreign };
}

/**
 * Opens the workbench on a folder or a .code-workspace file. payload: the workbench's launch
 * arguments as [key, value] pairs (extensionDevelopmentPath, extensionTestsPath).
 */
export async function openWorkbench(page, server, { folder, workspace, payload }) {
  const query = new URLSearchParams();
  if (folder) query.set('folder', path.resolve(folder));
  if (workspace) query.set('workspace', path.resolve(workspace));
  if (payload) query.set('payload', JSON.stringify(payload));
  await page.goto(`${server.url}?${query}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
}
