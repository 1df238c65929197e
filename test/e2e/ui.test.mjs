// What a product manager sees, in the real workbench in a browser: the extension installed from
// inbound.vsix, checkout.req.yaml opened with Quick Open, the squiggles and the Problems panel (a
// finding's code opens its rule's page), the quick-fix menu opened with Ctrl+. and "Add market
// evidence" chosen with the keyboard, the new evidence item in the editor, and the account typed
// where the fix left the cursor. Screenshots land in test-artifacts/.
//
//   node --test test/e2e/ui.test.mjs     (after setup.mjs and npm run package; run.mjs does both)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { makeWorkspace, TODAY } from '../vscode/workspace.mjs';
import { launchBrowser, openWorkbench } from './lib/browser.mjs';
import { newRunDir, startCodeServer } from './lib/code-server.mjs';
import { ARTIFACTS, VSIX } from './lib/paths.mjs';

const EDITOR = '.editor-group-container .monaco-editor';
let server;
let browser;
let page;
let workspace;
let failed = false;

before(async () => {
  assert.ok(fs.existsSync(VSIX), 'inbound.vsix is missing: run npm run package first');
  const runDir = newRunDir('ui');
  server = await startCodeServer({ runDir, vsix: [VSIX], env: { INBOUND_TODAY: TODAY } });
  browser = await launchBrowser(runDir);
  page = browser.page;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  workspace = makeWorkspace(path.join(runDir, 'workspace'), { scenarios: false });
  await openWorkbench(page, server, { folder: workspace });
});

after(async () => {
  if (page) await page.screenshot({ path: path.join(ARTIFACTS, 'ui-last.png') }).catch(() => undefined);
  await browser?.context.close().catch(() => undefined);
  await server?.stop();
  if (server && !failed && !process.env.INBOUND_E2E_KEEP) fs.rmSync(server.runDir, { recursive: true, force: true });
  else if (server) console.log(`logs, user data and the workspace of this run: ${server.runDir}`);
});

/** Runs a step; a failure keeps the run folder for its logs. */
async function step(body) {
  try {
    await body();
  } catch (e) {
    failed = true;
    throw e;
  }
}

/** The text of the editor's visible lines, top to bottom (Monaco renders only what is on screen). */
function visibleLines() {
  return page.evaluate((editor) => {
    const rows = [...document.querySelectorAll(`${editor} .view-lines .view-line`)];
    return rows
      .map((row) => ({ top: parseFloat(row.style.top), text: row.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((r) => r.text);
  }, EDITOR);
}

test('a quick fix from the light bulb menu, chosen with the keyboard, edits the requirement', () =>
  step(async () => {
    // Quick Open finds the file through the VS Code server's file search (ripgrep).
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 30_000 });
    await page.keyboard.type('checkout.req.yaml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'checkout.req.yaml' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator(`${EDITOR} .view-lines`).first().waitFor({ timeout: 30_000 });

    // The status bar: 2 of the 6 roadmap items have the market evidence the roadmap asks for (a
    // waived one is not counted as ready, as in the report's headline).
    await page.locator('.statusbar-item', { hasText: '2/6 roadmap-ready' }).waitFor({ timeout: 30_000 });

    // The Problems panel lists the findings of the open file and of the files nobody opened.
    await page.keyboard.press('Control+Shift+M');
    const gate = page.locator('.markers-panel .monaco-list-row', { hasText: 'CHK-102 is on the roadmap with no market evidence' });
    await gate.first().waitFor({ timeout: 30_000 });
    assert.match(await gate.first().innerText(), /roadmap-gate/);
    // The finding's code is a link to its rule's page, which opens inside the editor, rendered,
    // offline; the editor goes back to the file after.
    await gate.first().locator('a', { hasText: 'roadmap-gate' }).first().click();
    const rulePage = page.locator('.tabs-container .tab', { hasText: 'roadmap-gate.md' });
    await rulePage.first().waitFor({ timeout: 30_000 });
    // Rendered: the page's headings inside the preview's webview.
    const preview = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await preview.getByRole('heading', { name: 'How to fix it' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'ui-rule-page.png') });
    await rulePage.first().locator('.codicon-close').click();
    await rulePage.first().waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'reporting.req.yml' }).first().waitFor({ timeout: 30_000 });

    // To the single-deal warning (line 45, the evidence key), then Ctrl+. for the quick fixes.
    await page.locator(`${EDITOR} .view-lines`).first().click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
    await page.keyboard.type('45:5');
    await page.keyboard.press('Enter');
    // The roadmap gate is an error on CHK-102's status, the single deal a warning on its evidence.
    // (The editor draws only the lines on screen: these are, now.)
    await page.locator(`${EDITOR} .squiggly-error`).first().waitFor({ timeout: 30_000 });
    await page.locator(`${EDITOR} .squiggly-warning`).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.locator('.monaco-list-row.action').first().waitFor({ timeout: 30_000 });
    const titles = await menu.locator('.monaco-list-row.action').allInnerTexts();
    const index = titles.findIndex((t) => t.startsWith('Add market evidence'));
    assert.ok(index >= 0, `"Add market evidence" is not in the menu: ${JSON.stringify(titles)}`);
    // The menu opens with its first action focused; walk down to the fix.
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await assert.doesNotReject(
      menu.locator('.monaco-list-row.action.focused', { hasText: 'Add market evidence' }).waitFor({ timeout: 5_000 }),
      'the keyboard did not reach "Add market evidence"',
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'ui-quick-fix-menu.png') });
    await page.keyboard.press('Enter');

    // The new interview, indented like the deal above it, dated today, its account to fill in.
    await page.waitForFunction(
      ({ editor, today }) => [...document.querySelectorAll(`${editor} .view-line`)].some((l) => l.textContent.replace(/\u00a0/g, ' ') === `        date: ${today}`),
      { editor: EDITOR, today: TODAY },
      { timeout: 30_000 },
    );
    const shown = await visibleLines();
    const at = shown.indexOf('        date: 2026-10-20');
    assert.deepEqual(shown.slice(at, at + 4), ['        date: 2026-10-20', '      - kind: interview', '        account: ', `        date: ${TODAY}`]);
    // The placeholder is not evidence yet: the Problems panel asks for its account.
    await page.locator('.markers-panel .monaco-list-row', { hasText: "'account' is empty" }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'ui-quick-fix-applied.png') });

    // The code lens above CHK-102 still says where it stands; turning the setting off hides the
    // lenses at once, with no edit to make the editor ask again.
    const lens = page.locator(`${EDITOR} .codelens-decoration`, { hasText: '1 deal · 0 market · not roadmap-ready' });
    await lens.first().waitFor({ timeout: 30_000 });
    // As if the folder's settings were edited: .vscode/settings.json changes on disk.
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), '{ "inbound.codeLens.enabled": false }\n');
    await lens.first().waitFor({ state: 'hidden', timeout: 30_000 });

    // The quick fix left the cursor on the interview's account: typing names who was interviewed,
    // and the placeholder is no longer empty.
    await page.keyboard.type('Globex AG');
    await page.waitForFunction(
      (editor) => [...document.querySelectorAll(`${editor} .view-line`)].some((l) => l.textContent.replace(/\u00a0/g, ' ') === '        account: Globex AG'),
      EDITOR,
      { timeout: 30_000 },
    );
    await page.locator('.markers-panel .monaco-list-row', { hasText: "'account' is empty" }).first().waitFor({ state: 'detached', timeout: 30_000 });

    assert.deepEqual(browser.foreign, [], 'the workbench made requests off this machine');
  }));
