/**
 * The roadmap diff's Markdown read back by a real CommonMark + GFM parser (markdown-it), as a pull
 * request comment or job summary shows it: the headline sentence first, only the sections that have
 * something to say, and nothing from the files turned into markup, a link, a mention or an issue
 * reference. The HTML export alongside: self-contained, no script, everything escaped.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { diffReports } from '../../server/src/engine/diff';
import { buildReport } from '../../server/src/engine/report';
import { diffHeadline, renderDiffHtml, renderDiffMarkdown } from '../../server/src/report/diff-render';
import { workspaceOf } from '../report/helpers';
import { ATTACKS, HOSTILE_ID } from '../report/hostile';
import { hostileDiff } from './hostile-diff';
import { fixtureCases, runFixture } from './fixture-runner';

const md = new MarkdownIt({ html: true, linkify: false });
const gfm = new MarkdownIt({ html: true, linkify: true });
const ZWJ = /\u200d/g;
type Token = ReturnType<typeof md.parse>[number];

interface Table {
  header: string[];
  rows: string[][];
  cellTokens: Token[];
}

function inlineText(inline: Token): string {
  return (inline.children ?? [])
    .map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : t.type === 'softbreak' ? '\n' : ''))
    .join('')
    .replace(ZWJ, '');
}

/** The document read back: headings, paragraphs (their inline tokens too) and tables. */
function read(markdown: string) {
  const tokens = md.parse(markdown, {});
  const headings: string[] = [];
  const paragraphs: { text: string; tokens: Token[] }[] = [];
  const tables: Table[] = [];
  let table: Table | undefined;
  let row: string[] | undefined;
  let inBody = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'heading_open') headings.push(inlineText(tokens[i + 1]));
    else if (t.type === 'paragraph_open') paragraphs.push({ text: inlineText(tokens[i + 1]), tokens: tokens[i + 1].children ?? [] });
    else if (t.type === 'table_open') table = { header: [], rows: [], cellTokens: [] };
    else if (t.type === 'table_close') {
      tables.push(table!);
      table = undefined;
    } else if (t.type === 'tbody_open') inBody = true;
    else if (t.type === 'tbody_close') inBody = false;
    else if (t.type === 'tr_open') row = [];
    else if (t.type === 'tr_close') {
      if (inBody) table!.rows.push(row!);
      else table!.header = row!;
      row = undefined;
    } else if (t.type === 'inline' && row) {
      row.push(inlineText(t));
      if (inBody) table!.cellTokens.push(...(t.children ?? []));
    }
  }
  return { headings, paragraphs, tables };
}

async function fixtureMarkdown(name: string): Promise<string> {
  const c = fixtureCases().find((x) => x.name === name)!;
  const r = await runFixture(c.dir, c.spec);
  assert.deepEqual(r.stderr, []);
  return r.stdout;
}

describe('the roadmap diff in Markdown', () => {
  it('opens with one headline sentence, then only the sections with something to say', async () => {
    const doc = read(await fixtureMarkdown('enter-blocked'));
    assert.deepEqual(doc.headings, ['Roadmap diff', 'Onto the roadmap (2)', 'Account concentration']);
    assert.equal(doc.paragraphs[0].text, 'This change puts 2 requirements on the roadmap; 1 is blocked by the gate (DL-1: 2 deals, no market evidence).');
    const onto = doc.tables.find((t) => t.header[0] === 'Verdict')!;
    assert.deepEqual(onto.header, ['Verdict', 'ID', 'Title', 'Status', 'Evidence', 'Where']);
    assert.deepEqual(onto.rows, [
      ['🔴 Blocked by the gate', 'DL-1', 'Volume discounts for resellers', 'Validated → Roadmap', '2 deals, no market evidence', 'deals.req.yaml:3'],
      ['🟢 Ready', 'DL-2', 'Export to CSV', 'Proposed → Roadmap', '1 deal, 1 market item', 'deals.req.yaml:21'],
    ]);
  });

  it('says so in one sentence when nothing changed, with no section at all', async () => {
    const doc = read(await fixtureMarkdown('no-change'));
    assert.deepEqual(doc.headings, ['Roadmap diff']);
    assert.equal(doc.tables.length, 0);
    assert.equal(doc.paragraphs[0].text, 'This change does not touch the roadmap: no requirement, verdict, evidence, waiver or policy changed.');
  });

  it('names a config change as the cause of what it newly blocks', async () => {
    const doc = read(await fixtureMarkdown('stricter-config'));
    assert.deepEqual(doc.headings, ['Roadmap diff', 'Verdicts changed (2)', 'Policy']);
    assert.equal(
      doc.paragraphs[0].text,
      'This change does not move anything onto or off the roadmap, but it newly blocks 1 requirement already on it (CO-1: 1 of 2 market evidence).',
    );
    const verdicts = doc.tables.find((t) => t.header[2] === 'Verdict')!;
    assert.deepEqual(verdicts.rows[0].slice(0, 4), ['CO-1', 'Webhooks', '🟢 Ready → 🔴 Blocked by the gate', 'the policy changed (roadmap.min-market-evidence 1 → 2)']);
    const policy = doc.tables.find((t) => t.header[0] === 'Project')!;
    assert.deepEqual(policy.rows, [['.', 'roadmap.min-market-evidence', '1', '2', '2']]);
  });

  it('tells waivers by whom, and an approver who is the owner as waiving nothing', async () => {
    const doc = read(await fixtureMarkdown('waivers'));
    assert.deepEqual(doc.headings, ['Roadmap diff', 'Verdicts changed (2)', 'Waivers (3)']);
    const waivers = doc.tables.find((t) => t.header[2] === 'Change')!;
    assert.deepEqual(
      waivers.rows.map((r) => [r[0], r[2], r[4]]),
      [
        ['BL-1', 'added', 'Launch partner in Japan; market study follows in Q1. (approved by vp-product@example.com, 2026-11-20)'],
        ['BL-2', 'changed', 'Contractual commitment for the 2027 renewal. (approved by Kim@example.com, 2026-10-01; approved by its own owner: it waives nothing)'],
        ['BL-3', 'removed', '—'],
      ],
    );
  });

  it('keeps hostile text from the files literal, in its place, and inert', () => {
    const d = hostileDiff();
    const text = renderDiffMarkdown(d);
    const doc = read(text);
    // The headline reads exactly as the words say it, whatever the ids hold.
    assert.equal(doc.paragraphs[0].text, diffHeadline(d, (t) => t));
    assert.ok(doc.paragraphs[0].text.includes(HOSTILE_ID.replace(/\s+/g, ' ')), doc.paragraphs[0].text);
    for (const t of doc.tables) for (const r of t.rows) assert.equal(r.length, t.header.length, `a pipe in the text split a cell: ${r.join(' ¦ ')}`);
    const onto = doc.tables.find((t) => t.header[0] === 'Verdict')!;
    assert.deepEqual(
      onto.rows.map((r) => [r[1], r[2]]),
      [
        [HOSTILE_ID, ATTACKS.markdownLink],
        ['H-1', ATTACKS.script],
      ],
    );
    const evidence = doc.tables.find((t) => t.header[2] === 'Added')!;
    assert.ok(evidence.rows[0][2].includes(ATTACKS.link), evidence.rows[0][2]);
    const waivers = doc.tables.find((t) => t.header[2] === 'Change')!;
    assert.ok(waivers.rows[0][4].startsWith(ATTACKS.style), waivers.rows[0][4]);

    // Only our own words carry markup; the cells and the headline hold text and code, nothing else.
    const kinds = new Set([...doc.tables.flatMap((t) => t.cellTokens), ...doc.paragraphs[0].tokens].map((k) => k.type));
    assert.deepEqual([...kinds].filter((k) => !['text', 'code_inline'].includes(k)), []);
    const everywhere = md.parse(text, {}).flatMap((t) => [t, ...(t.children ?? [])]).map((t) => t.type);
    for (const banned of ['html_block', 'html_inline', 'link_open', 'image', 's_open']) assert.ok(!everywhere.includes(banned), `${banned} in the Markdown`);
    const html = md.render(text);
    assert.doesNotMatch(html, /<(script|img|svg|iframe|style)\b/i);
    assert.doesNotMatch(html, /href=/);
    assert.ok(!gfm.parse(text, {}).flatMap((t) => [t, ...(t.children ?? [])]).some((t) => t.type === 'link_open'), 'no autolinks');
    assert.doesNotMatch(text, /(^|[^\w\u200d])@[A-Za-z0-9]/m, 'no @mention');
    assert.doesNotMatch(text, /#\d/, 'no #123 issue reference');
    assert.doesNotMatch(text, /\bGH-\d/, 'no GH-7 issue reference');
    assert.doesNotMatch(text, /https?:\/\//i);
  });

  it('cuts a long section short and says where the rest is', () => {
    const many = Array.from({ length: 60 }, (_, i) => `  - id: M-${i}\n    title: Item ${i}\n    status: idea\n`).join('');
    const d = diffReports({
      base: { label: 'main', projects: [{ project: '.', report: buildReport(workspaceOf({ '/w/a.req.yaml': 'requirements: []\n' }), { details: true }) }] },
      head: { label: 'working tree', projects: [{ project: '.', report: buildReport(workspaceOf({ '/w/a.req.yaml': `requirements:\n${many}` }), { details: true }) }] },
    });
    const text = renderDiffMarkdown(d);
    assert.equal(read(text).tables[0].rows.length, 50);
    assert.match(text, /…and 10 more \(`inbound diff --format json` lists every one\)\./);
  });
});

describe('the roadmap diff in HTML', () => {
  it('is self-contained with no script in the export, and one nonce-bound script in the webview', () => {
    const d = hostileDiff();
    const page = renderDiffHtml(d);
    assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"/>`));
    assert.doesNotMatch(page, /<script/i);
    for (const attack of [ATTACKS.script, ATTACKS.img, ATTACKS.attribute, ATTACKS.style]) assert.ok(!page.includes(attack), attack);
    assert.doesNotMatch(page, /data-file/, 'nothing to click in an export');

    const nonce = 'abcdefghijklmnopqrstuvwx';
    const webview = renderDiffHtml(d, { target: 'webview', nonce, cspSource: 'vscode-resource:' });
    assert.equal(webview.match(/<script/g)?.length, 1);
    assert.match(webview, new RegExp(`<script nonce="${nonce}">`));
    assert.ok(webview.includes(`script-src 'nonce-${nonce}'`));
    // Requirements at head open on a click; the hostile file name is an escaped attribute.
    assert.ok(webview.includes(`data-file="/w/&lt;img src=x onerror=&quot;window.__pwned='file'&quot;>.req.yaml"`), 'escaped data-file');
    assert.throws(() => renderDiffHtml(d, { target: 'webview', nonce: 'short', cspSource: 'x' }), /nonce/);
  });
});
