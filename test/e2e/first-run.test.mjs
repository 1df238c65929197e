// A product manager's first minutes, in the real workbench in a browser, in a folder with nothing in
// it: the Inbound walkthrough opened from the command palette, its "New Requirement" button clicked,
// the two questions answered with the keyboard (the id prefix proposed from the area), the new file
// open with the cursor where the title goes — and the language server, which had no file to check
// until then, checking it: the empty title is a squiggle until the title is typed. Screenshots land
// in test-artifacts/.
//
//   node --test test/e2e/first-run.test.mjs     (after setup.mjs and npm run package; run.mjs does both)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { TODAY } from '../vscode/workspace.mjs';
import { launchBrowser, openWorkbench } from './lib/browser.mjs';
import { newRunDir, startCodeServer } from './lib/code-server.mjs';
import { ARTIFACTS, VSIX } from './lib/paths.mjs';

const EDITOR = '.editor-group-container .monaco-editor';
const INPUT = '.quick-input-widget input';
let server;
let browser;
let page;
let folder;
let failed = false;

before(async () => {
  assert.ok(fs.existsSync(VSIX), 'inbound.vsix is missing: run npm run package first');
  const runDir = newRunDir('first-run');
  server = await startCodeServer({ runDir, vsix: [VSIX], env: { INBOUND_TODAY: TODAY } });
  browser = await launchBrowser(runDir);
  page = browser.page;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  folder = path.join(runDir, 'empty-folder');
  fs.mkdirSync(folder);
  await openWorkbench(page, server, { folder });
});

after(async () => {
  if (page) await page.screenshot({ path: path.join(ARTIFACTS, 'first-run-last.png') }).catch(() => undefined);
  await browser?.context.close().catch(() => undefined);
  await server?.stop();
  if (server && !failed && !process.env.INBOUND_E2E_KEEP) fs.rmSync(server.runDir, { recursive: true, force: true });
  else if (server) console.log(`logs, user data and the workspace of this run: ${server.runDir}`);
});

async function step(body) {
  try {
    await body();
  } catch (e) {
    failed = true;
    throw e;
  }
}

/** Runs a command from the palette by its title, as a person types it. */
async function palette(title) {
  await page.keyboard.press('F1');
  await page.locator(INPUT).waitFor({ timeout: 30_000 });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

/** Whether the editor shows a line with exactly this text (Monaco renders only what is on screen). */
function lineShown(text) {
  return page.waitForFunction(
    ({ editor, text }) => [...document.querySelectorAll(`${editor} .view-line`)].some((l) => l.textContent.replace(/\u00a0/g, ' ') === text),
    { editor: EDITOR, text },
    { timeout: 30_000 },
  );
}

test('from an empty folder, through the walkthrough, to a first requirement that is checked', () =>
  step(async () => {
    assert.deepEqual(fs.readdirSync(folder), [], 'the folder starts empty');

    // Get Started: the walkthrough, its four steps.
    await page.locator('.monaco-workbench').click({ position: { x: 600, y: 300 } }).catch(() => undefined);
    await palette('Welcome: Open Walkthrough...');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Inbound' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.type('Inbound');
    await page.keyboard.press('Enter');
    for (const title of ['Write your first requirement', 'Put it on the roadmap', 'Take the way forward', "See the roadmap's readiness"]) {
      await page.getByText(title, { exact: true }).first().waitFor({ timeout: 30_000 });
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'first-run-walkthrough.png') });

    // The first step's button.
    await page.getByRole('button', { name: 'New Requirement', exact: true }).first().click();

    // Two questions: the area, then the prefix, proposed from it.
    await page.locator(INPUT).waitFor({ timeout: 30_000 });
    await page.keyboard.type('Checkout');
    await page.keyboard.press('Enter');
    await page.waitForFunction((input) => document.querySelector(input)?.value === 'CHK', INPUT, { timeout: 30_000 });
    await page.keyboard.press('Enter');

    // The file, open, with the area and its first requirement.
    await lineShown('area: Checkout');
    await lineShown('  - id: CHK-1');
    assert.deepEqual(fs.readdirSync(folder), ['checkout.req.yaml']);
    // The server started with the first file: the empty title is an error until it is written.
    await page.locator(`${EDITOR} .squiggly-error`).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'first-run-new-file.png') });

    // The language status (the {} beside YAML) says the file is checked, and by which project.
    await page.locator('#status\\.languageStatus').hover();
    await page.locator('.monaco-hover', { hasText: 'Checked · project: empty-folder (default settings)' }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'first-run-language-status.png') });
    await page.keyboard.press('Escape');
    await page.locator(`${EDITOR} .view-lines`).first().waitFor({ timeout: 30_000 });

    // The cursor waits where the title goes.
    await page.keyboard.type('Pay by bank transfer');
    await lineShown('    title: Pay by bank transfer');
    await page.locator(`${EDITOR} .squiggly-error`).first().waitFor({ state: 'detached', timeout: 30_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'first-run-title.png') });

    assert.deepEqual(browser.foreign, [], 'the workbench made requests off this machine');
  }));
