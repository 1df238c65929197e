/**
 * The HTML report in a real browser (Debian's Chromium, driven by playwright-core): the exported
 * file and the webview page, both built from requirement files full of attacks. Nothing from the
 * files runs, nothing leaves the page, the text shows literally, the tables and charts are there,
 * a click in the webview posts `{ type: 'open', file, line }`, and the export prints on A4.
 * Screenshots and the PDF land in test-artifacts/ for a person to look at.
 *
 * Without /usr/bin/chromium these tests are skipped, unless INBOUND_REQUIRE_BROWSER=1 (as in CI),
 * where a missing browser is a failure.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { loadWorkspace } from '../../server/src/node/load-workspace';
import { buildReport, renderReportHtml } from '../../server/src/report';
import type { Report } from '../../server/src/report';
import { ATTACKS, HOSTILE_FILE, HOSTILE_ID, HOSTILE_NAME, hostileReport, MULTILINE } from './hostile';
import { TODAY } from './helpers';

const REPO = join(__dirname, '..', '..');
const ARTIFACTS = join(REPO, 'test-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const required = process.env.INBOUND_REQUIRE_BROWSER === '1';
const skip =
  !existsSync(CHROMIUM) && !required
    ? `no browser at ${CHROMIUM}: install Debian's chromium to run these (INBOUND_REQUIRE_BROWSER=1 makes this a failure)`
    : false;

const NONCE = 'Tm9uY2VGb3JUaGVUZXN0UGFnZQ==';
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

/** What VS Code sets on a webview in its Dark Modern and Light Modern themes (a subset). */
const VSCODE_THEMES = {
  'vscode-dark': {
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-editor-foreground': '#cccccc',
    '--vscode-foreground': '#cccccc',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-panel-border': '#2b2b2b',
    '--vscode-editorWidget-background': '#202020',
    '--vscode-textLink-foreground': '#4daafc',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-disabledForeground': '#8b8b8b',
    '--vscode-font-family': 'system-ui, sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': 'monospace',
  },
  'vscode-light': {
    '--vscode-editor-background': '#ffffff',
    '--vscode-editor-foreground': '#3b3b3b',
    '--vscode-foreground': '#3b3b3b',
    '--vscode-descriptionForeground': '#717171',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-textLink-foreground': '#005fb8',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-charts-red': '#e51400',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-purple': '#652d90',
    '--vscode-disabledForeground': '#8a8a8a',
    '--vscode-font-family': 'system-ui, sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': 'monospace',
  },
} as const;

/**
 * Runs before the page's own script, injected by the browser, so the page's policy does not apply
 * to it. A string rather than a function: the test runner's compiler would decorate a function
 * with helpers that do not exist in the page.
 */
const INIT_SCRIPT = `
  window.__violations = [];
  window.__messages = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__messages.push(m),
    getState: () => undefined,
    setState: () => undefined,
  });
`;

interface Watch {
  /** Requests that reached the network layer (the page's own file aside). */
  requests: string[];
  /** Requests the content security policy stopped before they left. */
  blocked: string[];
  dialogs: string[];
  /** Uncaught errors: the webview's own script must not throw. */
  errors: string[];
}

/**
 * Every page is watched: requests (only the page's own file may load), dialogs, CSP violations,
 * and a `__pwned` flag that any script from the files would set. The webview's acquireVsCodeApi
 * is shimmed, recording what the page posts.
 */
async function watchedPage(context: BrowserContext, allowed: string): Promise<{ page: Page; watch: Watch }> {
  const page = await context.newPage();
  const watch: Watch = { requests: [], blocked: [], dialogs: [], errors: [] };
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === allowed) return route.continue();
    watch.requests.push(url);
    return route.abort();
  });
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText === 'csp') watch.blocked.push(r.url());
  });
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => watch.errors.push(e.message));
  await page.addInitScript({ content: INIT_SCRIPT });
  return { page, watch };
}

async function flags(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return { pwned: w.__pwned, violations: w.__violations as string[], messages: w.__messages as unknown[] };
  });
}

async function assertNothingRan(page: Page, watch: Watch) {
  const f = await flags(page);
  assert.equal(f.pwned, undefined, 'a script from the files ran');
  assert.deepEqual(watch.dialogs, [], 'a dialog opened');
  assert.deepEqual(watch.errors, [], 'an error in the page');
  assert.deepEqual(watch.requests, [], 'the page made requests');
  assert.deepEqual(watch.blocked, [], 'the page tried to load something');
  assert.deepEqual(f.violations, [], 'the page itself broke its content security policy');
}

/** The policy holds even if markup got in: an injected handler neither runs nor fetches. */
async function assertPolicyBlocksInjection(page: Page, watch: Watch) {
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="https://evil.example/x.png" onerror="window.__pwned = 1">'));
  await page.waitForTimeout(200);
  const f = await flags(page);
  assert.equal(f.pwned, undefined);
  assert.ok(f.violations.length > 0, 'the policy reported what it blocked');
  assert.deepEqual(watch.requests, [], 'nothing left the page');
  assert.deepEqual(watch.blocked, ['https://evil.example/x.png']);
}

async function themeWebview(page: Page, theme: keyof typeof VSCODE_THEMES) {
  await page.evaluate(
    ({ theme, vars }) => {
      document.body.classList.add(theme);
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
    },
    { theme, vars: VSCODE_THEMES[theme] },
  );
}

describe('HTML report in a real browser', { skip, timeout: 120_000 }, () => {
  let context: BrowserContext;
  let profile: string;
  let work: string;
  let hostile: Report;
  let examples: Report;

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`INBOUND_REQUIRE_BROWSER=1 but there is no browser at ${CHROMIUM}`);
    mkdirSync(ARTIFACTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'inbound-chromium-'));
    work = mkdtempSync(join(tmpdir(), 'inbound-html-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      offline: true,
    });
    hostile = hostileReport();
    const { workspace } = loadWorkspace({ paths: ['examples'], cwd: REPO, today: TODAY });
    examples = buildReport(workspace);
  });

  /** The page as a file, opened like a person opens an exported report. */
  async function openPage(html: string, name: string) {
    const file = join(work, name);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const opened = await watchedPage(context, url);
    await opened.page.goto(url);
    return opened;
  }

  after(async () => {
    await context?.close();
    for (const d of [profile, work]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('exported file: hostile text shows literally and nothing runs or loads', async () => {
    const { page, watch } = await openPage(renderReportHtml(hostile), 'hostile.html');
    await assertNothingRan(page, watch);
    const text = await page.locator('body').innerText();
    for (const attack of [
      ATTACKS.script,
      ATTACKS.img,
      ATTACKS.attribute,
      ATTACKS.style,
      ATTACKS.link,
      ATTACKS.markdownLink,
      ATTACKS.markdown,
      ATTACKS.title,
      ATTACKS.comment,
      ATTACKS.entity,
      ATTACKS.template,
      ATTACKS.minus,
      ATTACKS.at,
      ATTACKS.unicode,
      HOSTILE_ID,
    ]) {
      assert.ok(text.includes(attack), `shown literally: ${attack}`);
    }
    assert.ok((await page.locator('body').textContent())!.includes(MULTILINE), 'line breaks kept in the text');
    assert.equal(await page.title(), 'Roadmap readiness — 23 Nov 2026');
    assert.equal(await page.locator('script').count(), 0);
    assert.equal(await page.locator('img, iframe, svg[onload]').count(), 0);
    await page.screenshot({ path: join(ARTIFACTS, 'report-hostile.png'), fullPage: true });
    await assertPolicyBlocksInjection(page, watch);
    await page.close();
  });

  it('exported file: headline, readiness tables, concentration ranking and charts, in light and dark', async () => {
    const { page, watch } = await openPage(renderReportHtml(examples), 'examples.html');
    await assertNothingRan(page, watch);
    assert.equal(await page.locator('.kpi').first().innerText(), '2 of 6\nroadmap items ready\n1 waived · 3 blocked by the gate');
    const readiness = page.locator('#readiness table.readiness');
    assert.equal(await readiness.count(), 3, 'on the roadmap, in the pipeline, shipped and rejected');
    assert.equal(await page.locator('#readiness table.readiness tbody tr').count(), 12);
    const first = page.locator('#readiness table.readiness tbody tr').first();
    assert.match(await first.innerText(), /^Blocked by the gate\s+0 of 1 market evidence\s+CHK-102 Custom invoice PDF layout per customer/);
    assert.deepEqual(await page.locator('#concentration table tbody td.account').allInnerTexts(), [
      'Initech',
      'Hooli',
      'Globex AG',
      'Umbrella Corp',
      'Acme GmbH',
    ]);
    assert.equal(await page.locator('#concentration svg.chart g').count(), 5, 'one bar per account');
    assert.equal(await page.locator('#evidence svg.chart g').count(), 4, 'one stacked bar per area');
    assert.equal(await page.locator('svg.chart-verdicts rect.seg').count(), 7, 'one segment per verdict present');
    // The charts are drawn: the top account's bar is the longest.
    const widths = await page.locator('#concentration svg.chart rect.fill-without-market').evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect().width));
    assert.equal(Math.max(...widths), widths[0]);

    const colours: Record<string, string> = {};
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      colours[scheme] = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.screenshot({ path: join(ARTIFACTS, `report-${scheme}.png`), fullPage: true });
    }
    assert.equal(colours.light, 'rgb(255, 255, 255)');
    assert.equal(colours.dark, 'rgb(13, 17, 23)');

    // Paper: A4, in the light palette whatever the screen prefers.
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
    const pdf = await page.pdf({ format: 'A4', path: join(ARTIFACTS, 'report-a4.pdf') });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    assert.ok(pages >= 2 && pages <= 6, `${pages} A4 pages`);
    await page.pdf({ format: 'Letter', path: join(ARTIFACTS, 'report-letter.pdf') });
    await assertNothingRan(page, watch);
    await page.close();
  });

  it('webview: a click on a requirement posts where to open it, and nothing else runs', async () => {
    const { page, watch } = await openPage(renderReportHtml(hostile, { target: 'webview', nonce: NONCE, cspSource: CSP_SOURCE, view: 'readiness' }), 'webview-hostile.html');
    await themeWebview(page, 'vscode-dark');
    await assertNothingRan(page, watch);
    assert.ok((await page.locator('body').innerText()).includes(ATTACKS.script));

    const h1 = hostile.requirements.find((r) => r.id === 'H-1')!;
    await page.getByRole('button', { name: 'H-1', exact: true }).click();
    // A click anywhere in a row opens it too; the file name is an attack and must arrive unchanged.
    const f1 = hostile.requirements.find((r) => r.id === 'F-1')!;
    await page.locator('#readiness .req-title').filter({ hasText: ATTACKS.title }).click();
    await page.getByRole('button', { name: HOSTILE_ID, exact: true }).click();
    const x1 = hostile.requirements.find((r) => r.id === HOSTILE_ID)!;
    assert.deepEqual((await flags(page)).messages, [
      { type: 'open', file: HOSTILE_FILE, line: h1.line },
      { type: 'open', file: HOSTILE_NAME, line: f1.line },
      { type: 'open', file: HOSTILE_FILE, line: x1.line },
    ]);
    assert.equal(h1.line, 2);
    await page.screenshot({ path: join(ARTIFACTS, 'webview-hostile-dark.png'), fullPage: true });

    // The tabs switch views in the page; the driven requirements open from there too.
    assert.ok(await page.locator('#readiness').isVisible());
    assert.ok(!(await page.locator('#concentration').isVisible()));
    await page.getByRole('tab', { name: 'Account concentration' }).click();
    assert.ok(await page.locator('#concentration').isVisible());
    assert.ok(!(await page.locator('#readiness').isVisible()));
    await page.locator('#concentration td.drives').getByRole('button', { name: 'H-4' }).click();
    const h4 = hostile.requirements.find((r) => r.id === 'H-4')!;
    assert.deepEqual((await flags(page)).messages.at(-1), { type: 'open', file: HOSTILE_FILE, line: h4.line });
    await page.getByRole('tab', { name: 'Evidence mix' }).click();
    await page.locator('#evidence table.silenced tbody tr').first().click();
    const silenced = hostile.silenced[0];
    assert.deepEqual((await flags(page)).messages.at(-1), { type: 'open', file: silenced.file, line: silenced.line });

    await assertNothingRan(page, watch);
    await assertPolicyBlocksInjection(page, watch);
    await page.close();
  });

  it('webview: whole account names, charts that fit, a heading per view, and a file that could not be read named on every view', async () => {
    const long = 'Kreditanstalt für Wiederaufbau Beteiligungsgesellschaft International Holdings GmbH & Co. KG';
    const dir = mkdtempSync(join(tmpdir(), 'inbound-polish-'));
    const deal = (id: string, account: string, amount: string) =>
      `  - id: ${id}\n    title: Asked by ${account}\n    status: roadmap\n    evidence:\n      - kind: sales-deal\n        account: ${account}\n        deal: OPP-${id}\n${amount}        date: 2026-09-12\n`;
    writeFileSync(
      join(dir, 'a.req.yaml'),
      'area: A product area with a name far longer than any chart label column was ever meant to hold\nrequirements:\n' +
        deal('A-1', long, '        amount: 480000\n        currency: USD\n') +
        deal('A-2', long, '        amount: 115000\n') +
        deal('A-3', 'Initech', ''),
    );
    writeFileSync(join(dir, 'broken.req.yaml'), 'requirements:\n  - id: B-1\n    title: "never closed\n');
    const { workspace } = loadWorkspace({ paths: [dir], cwd: dir, today: TODAY });
    const report = buildReport(workspace);
    rmSync(dir, { recursive: true, force: true });
    const { page, watch } = await openPage(
      renderReportHtml(report, { target: 'webview', nonce: NONCE, cspSource: CSP_SOURCE, view: 'concentration' }),
      'webview-polish.html',
    );
    await themeWebview(page, 'vscode-light');
    await assertNothingRan(page, watch);
    assert.equal(await page.title(), 'Account concentration — 23 Nov 2026');
    assert.equal(await page.locator('h1').innerText(), 'Account concentration');
    // The top account's whole name, wrapped rather than cut.
    const top = page.locator('.kpi-name .value');
    assert.equal(await top.innerText().then((t) => t.replace(/\s+/g, ' ')), long);
    assert.ok(await top.evaluate((e) => e.scrollWidth <= e.clientWidth + 1), 'the name is not cut off');
    assert.match(await page.locator('.kpi-name .sub').innerText(), /USD 480,000 · 115,000 without a currency/);
    // Every label and value of every chart lies inside its chart.
    for (const view of ['concentration', 'evidence'] as const) {
      await page.getByRole('tab', { name: view === 'concentration' ? 'Account concentration' : 'Evidence mix' }).click();
      const outside = await page.locator(`#${view} svg.chart`).evaluateAll((charts) =>
        charts.flatMap((svg) => {
          const box = svg.getBoundingClientRect();
          return Array.from(svg.querySelectorAll('text'))
            .filter((t) => {
              const r = t.getBoundingClientRect();
              return r.left < box.left - 0.5 || r.right > box.right + 0.5;
            })
            .map((t) => t.textContent);
        }),
      );
      assert.deepEqual(outside, [], `${view}: text inside the chart`);
    }
    // The heading follows the tab, and the editor hears which view is shown.
    assert.equal(await page.locator('h1').innerText(), 'Evidence mix');
    assert.deepEqual((await flags(page)).messages.at(-1), { type: 'view', view: 'evidence' });
    // The file that could not be read is named above every view, with what to fix.
    for (const tab of ['Readiness', 'Account concentration', 'Evidence mix']) {
      await page.getByRole('tab', { name: tab }).click();
      const notice = page.locator('.notice.unread');
      assert.ok(await notice.isVisible(), `notice on ${tab}`);
      assert.match(await notice.innerText(), /1 file could not be read: broken\.req\.yaml/);
    }
    assert.match(await page.locator('.masthead .meta').innerText(), /in 2 files \(1 could not be read\)/);
    await page.screenshot({ path: join(ARTIFACTS, 'webview-polish.png'), fullPage: true });
    await page.close();
  });

  it('webview: follows the VS Code theme, light and dark', async () => {
    for (const theme of ['vscode-light', 'vscode-dark'] as const) {
      const { page, watch } = await openPage(renderReportHtml(examples, { target: 'webview', nonce: NONCE, cspSource: CSP_SOURCE, view: 'readiness' }), `webview-${theme}.html`);
      await themeWebview(page, theme);
      await assertNothingRan(page, watch);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, theme === 'vscode-dark' ? 'rgb(31, 31, 31)' : 'rgb(255, 255, 255)');
      const blocked = await page.locator('.badge.v-blocked').first().evaluate((b) => getComputedStyle(b).color);
      assert.equal(blocked, theme === 'vscode-dark' ? 'rgb(241, 76, 76)' : 'rgb(229, 20, 0)', "the theme's red");
      await page.screenshot({ path: join(ARTIFACTS, `webview-readiness-${theme.slice(7)}.png`), fullPage: true });
      await page.getByRole('tab', { name: 'Account concentration' }).click();
      await page.screenshot({ path: join(ARTIFACTS, `webview-concentration-${theme.slice(7)}.png`) });
      await page.close();
    }
  });
});
