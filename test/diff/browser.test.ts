/**
 * The roadmap diff's HTML in a real browser (Debian's chromium, through playwright-core), as the
 * export opens in a browser and as the webview shows it: hostile text from the files shows literally
 * and nothing runs or loads; in the webview a click on a requirement at head posts where to open it,
 * and one the change removed opens nothing. Skipped without chromium unless INBOUND_REQUIRE_BROWSER=1.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';
import { renderDiffHtml } from '../../server/src/report/diff-render';
import { ATTACKS, HOSTILE_ID, HOSTILE_NAME } from '../report/hostile';
import { hostileDiff } from './hostile-diff';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const required = process.env.INBOUND_REQUIRE_BROWSER === '1';
const skip = !existsSync(CHROMIUM) && !required ? `no browser at ${CHROMIUM} (INBOUND_REQUIRE_BROWSER=1 makes this a failure)` : false;

/** Before the page's own script: a stand-in for VS Code's webview API that records what is posted. */
const INIT_SCRIPT = `
  window.__violations = [];
  window.__messages = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__messages.push(m), getState: () => undefined, setState: () => undefined });
`;

describe('the roadmap diff in a real browser', { skip, timeout: 120_000 }, () => {
  let context: BrowserContext;
  let profile: string;
  let work: string;

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`INBOUND_REQUIRE_BROWSER=1 but there is no browser at ${CHROMIUM}`);
    mkdirSync(ARTIFACTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'inbound-chromium-'));
    work = mkdtempSync(join(tmpdir(), 'inbound-diff-html-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      offline: true,
    });
  });

  after(async () => {
    await context?.close();
    for (const d of [profile, work]) if (d) rmSync(d, { recursive: true, force: true });
  });

  async function open(html: string, name: string) {
    const file = join(work, name);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : (requests.push(route.request().url()), route.abort())));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript({ content: INIT_SCRIPT });
    await page.goto(url);
    const state = () =>
      page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return { pwned: w.__pwned, violations: w.__violations as string[], messages: w.__messages as unknown[] };
      });
    return { page, requests, errors, state };
  }

  it('export: the text from the files shows as written, and nothing runs or loads', async () => {
    const d = hostileDiff();
    const { page, requests, errors, state } = await open(renderDiffHtml(d), 'diff-export.html');
    const text = await page.locator('body').innerText();
    for (const attack of [ATTACKS.script, ATTACKS.markdownLink, ATTACKS.style, ATTACKS.title]) assert.ok(text.includes(attack), attack);
    assert.ok(text.includes(HOSTILE_ID));
    assert.equal(await page.locator('script').count(), 0);
    assert.equal(await page.locator('[data-file]').count(), 0, 'nothing to click in an export');
    const s = await state();
    assert.equal(s.pwned, undefined);
    assert.deepEqual([requests, errors, s.violations], [[], [], []]);
    await page.screenshot({ path: join(ARTIFACTS, 'roadmap-diff-export.png'), fullPage: true });
    await page.close();
  });

  it('webview: a click on a requirement at head posts where to open it; a removed one posts nothing', async () => {
    const d = hostileDiff();
    const nonce = 'Tm9uY2VGb3JUaGVEaWZmUGFnZQ==';
    const { page, requests, errors, state } = await open(
      renderDiffHtml(d, { target: 'webview', nonce, cspSource: 'https://file+.vscode-resource.vscode-cdn.net' }),
      'diff-webview.html',
    );
    const h1 = d.entered.find((r) => r.id === 'H-1')!;
    const hostile = d.entered.find((r) => r.id === HOSTILE_ID)!;
    await page.locator('section', { hasText: 'Onto the roadmap' }).getByRole('button', { name: HOSTILE_ID, exact: true }).click();
    await page.locator('section', { hasText: 'Onto the roadmap' }).getByRole('button', { name: 'H-1', exact: true }).click();
    // Removed: written at the base only, so there is nothing at head to open.
    assert.equal(await page.locator('section', { hasText: 'Off the roadmap' }).getByRole('button', { name: 'H-9' }).count(), 0);
    await page.locator('section', { hasText: 'Off the roadmap' }).getByText('H-9', { exact: true }).click();
    const s = await state();
    assert.deepEqual(s.messages, [
      { type: 'open', file: HOSTILE_NAME, line: hostile.line },
      { type: 'open', file: '/w/plans.req.yaml', line: h1.line },
    ]);
    assert.equal(s.pwned, undefined);
    assert.deepEqual([requests, errors, s.violations], [[], [], []]);
    // The policy holds even if markup got in.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="https://evil.example/x.png" onerror="window.__pwned = 1">'));
    await page.waitForTimeout(200);
    assert.equal((await state()).pwned, undefined);
    assert.deepEqual(requests, []);
    await page.screenshot({ path: join(ARTIFACTS, 'roadmap-diff-webview.png'), fullPage: true });
    await page.close();
  });
});
