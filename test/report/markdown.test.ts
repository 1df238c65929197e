/**
 * The Markdown report read back by a real CommonMark + GFM parser (markdown-it): its tables are
 * tables, each cell holds exactly the text from the file, and nothing from the files becomes
 * markup, a link, an image or HTML — even with the parser's raw HTML switched on.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { renderReportMarkdown } from '../../server/src/report';
import { ATTACKS, HOSTILE_ID, hostileReport, MULTILINE } from './hostile';
import { runCli, TODAY } from './helpers';
import { join } from 'node:path';

const md = new MarkdownIt({ html: true, linkify: false });
/** As GitHub reads a comment or job summary: bare URLs, www. hosts and e-mail addresses become links. */
const gfm = new MarkdownIt({ html: true, linkify: true });
/** The invisible joiner the report puts after @, # and the scheme of a URL so nothing autolinks. */
const ZWJ = /\u200d/g;
type Token = ReturnType<typeof md.parse>[number];

interface Table {
  header: string[];
  rows: string[][];
  /** Every token inside the body cells. */
  cellTokens: Token[];
}

/** The text a reader sees in a cell: text, code and line breaks as they render (joiners are invisible). */
function cellText(inline: Token): string {
  return (inline.children ?? [])
    .map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : t.type === 'softbreak' ? '\n' : ''))
    .join('')
    .replace(ZWJ, '');
}

function tables(markdown: string): Table[] {
  const tokens = md.parse(markdown, {});
  const out: Table[] = [];
  let current: Table | undefined;
  let row: string[] | undefined;
  let inBody = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'table_open') current = { header: [], rows: [], cellTokens: [] };
    else if (t.type === 'table_close') {
      out.push(current!);
      current = undefined;
    } else if (t.type === 'tbody_open') inBody = true;
    else if (t.type === 'tbody_close') inBody = false;
    else if (t.type === 'tr_open') row = [];
    else if (t.type === 'tr_close') {
      if (inBody) current!.rows.push(row!);
      else current!.header = row!;
      row = undefined;
    } else if (t.type === 'inline' && row) {
      row.push(cellText(t));
      if (inBody) current!.cellTokens.push(...(t.children ?? []));
    }
  }
  return out;
}

function allTokens(markdown: string): Token[] {
  return md.parse(markdown, {}).flatMap((t) => [t, ...(t.children ?? [])]);
}

describe('Markdown report', () => {
  it('renders the example workspace as tables with the right cells', async () => {
    const { stdout, exit } = await runCli(join(__dirname, '..', '..'), ['report', 'examples', '--today', TODAY]);
    assert.equal(exit, 0);
    const ts = tables(stdout);
    const readiness = ts.filter((t) => t.header.join('|') === 'Verdict|ID|Title|Area|Status|Owner|Evidence|By kind|Accounts|Why|Where');
    assert.deepEqual(
      readiness.map((t) => t.rows.length),
      [6, 5, 1],
      'on the roadmap, in the pipeline, shipped and rejected',
    );
    const chk101 = readiness[0].rows.find((r) => r[1] === 'CHK-101')!;
    assert.deepEqual(chk101, [
      '🟢 Ready',
      'CHK-101',
      'Pay by bank transfer',
      'Checkout',
      'Roadmap',
      'dana@example.com',
      '1 deal · 2 market',
      'Sales deal 1, Interview 1, Support tickets 1',
      'Acme GmbH, Globex AG',
      '2 market items',
      'checkout.req.yaml:15',
    ]);
    // What needs attention comes first.
    assert.deepEqual(
      readiness[0].rows.map((r) => r[1]),
      ['CHK-102', 'ONB-21', 'RPT-4', 'PLT-8', 'CHK-101', 'PLT-7'],
    );
    const concentration = ts.find((t) => t.header[1] === 'Account')!;
    assert.deepEqual(concentration.rows[0], ['1', 'Initech', '3', '3', '3', '2', '125,000', 'CHK-102, RPT-4, PLT-8']);
    assert.deepEqual(concentration.rows[4], ['5', 'Acme GmbH', '1', '0', '1', '1', 'EUR 120,000', 'CHK-101']);
    assert.deepEqual(
      ts.find((t) => t.header[0] === 'Verdict' && t.header[1] === 'Requirements')!.rows.map((r) => [r[0], r[1]]),
      [
        ['🔴 Blocked by the gate', '3'],
        ['🟠 At risk', '1'],
        ['🟡 No evidence', '1'],
        ['🟣 Waived', '1'],
        ['🔵 Gathering evidence', '1'],
        ['🟢 Ready', '4'],
        ['⚪ Closed', '1'],
      ],
    );
    assert.match(stdout, /\*\*2 of 6 roadmap items ready\*\* — 1 waived · 3 blocked by the gate/);
    const stale = ts.find((t) => t.header[0] === 'Requirement' && t.header[1] === 'Kind')!;
    assert.deepEqual(stale.rows, [['ONB-20', 'Metric', '—', '2025-08-01', '479', 'growth/onboarding.req.yaml:16']]);
  });

  it('keeps hostile text literal, in its cell, and inert', () => {
    const report = hostileReport();
    const text = renderReportMarkdown(report);
    const ts = tables(text);
    const readiness = ts.filter((t) => t.header[0] === 'Verdict' && t.header[1] === 'ID');
    const rows = readiness.flatMap((t) => t.rows);
    assert.equal(rows.length, report.requirements.length);
    for (const t of readiness) for (const r of t.rows) assert.equal(r.length, 11, `a pipe in the text split a cell: ${r.join(' ¦ ')}`);
    const byId = new Map(rows.map((r) => [r[1], r]));
    const oneLine = (s: string) => s.replace(/\n/g, ' ');
    assert.equal(byId.get('H-1')![2], ATTACKS.script);
    assert.equal(byId.get('H-1')![5], ATTACKS.img);
    assert.equal(byId.get('H-1')![8], ATTACKS.attribute);
    assert.equal(byId.get('H-2')![2], oneLine(MULTILINE));
    assert.equal(byId.get('H-2')![8], ATTACKS.style);
    assert.equal(byId.get('H-3')![2], ATTACKS.markdownLink);
    assert.equal(byId.get('H-3')![8], ATTACKS.link);
    assert.equal(byId.get('H-4')![2], ATTACKS.entity);
    assert.equal(byId.get('H-4')![8], ATTACKS.unicode);
    assert.equal(byId.get(HOSTILE_ID)![2], ATTACKS.markdown);
    assert.equal(byId.get('H-1')![3], `Area ${ATTACKS.markdown}`);
    const silenced = ts.find((t) => t.header.join('|') === 'Requirement|Finding|Reason|Where')!;
    assert.deepEqual(silenced.rows[0].slice(0, 3), ['H-4', 'single-deal', ATTACKS.img]);
    const unread = ts.find((t) => t.header.join('|') === 'File|Problem')!;
    assert.equal(unread.rows[0][0], '<b>broken</b>.req.yaml:4');

    // Nothing from the files became markup: no HTML, links, images or emphasis in any table cell.
    const kinds = new Set(ts.flatMap((t) => t.cellTokens.map((k) => k.type)));
    assert.deepEqual([...kinds].filter((k) => !['text', 'code_inline'].includes(k)), []);
    const everywhere = allTokens(text).map((t) => t.type);
    for (const banned of ['html_block', 'html_inline', 'link_open', 'image', 's_open']) {
      assert.ok(!everywhere.includes(banned), `${banned} in the Markdown`);
    }
    const html = md.render(text);
    assert.doesNotMatch(html, /<(script|img|svg|iframe|style)\b/i);
    assert.doesNotMatch(html, /href=/);

    // Nothing from the files becomes a link, a mention or an issue reference where GitHub shows it,
    // and the text still reads as written (the joiners are invisible).
    const h5 = rows.find((r) => r[1] === 'H-5')!;
    for (const i of [2, 5, 8]) assert.equal(h5[i], ATTACKS.autolink);
    assert.ok(!gfm.parse(text, {}).flatMap((t) => [t, ...(t.children ?? [])]).some((t) => t.type === 'link_open'), 'no autolinks');
    assert.doesNotMatch(text, /(^|[^\w\u200d])@[A-Za-z0-9]/m, 'no @mention');
    assert.doesNotMatch(text, /#\d/, 'no #123 issue reference');
    assert.doesNotMatch(text, /\bGH-\d/, 'no GH-7 issue reference');
    assert.doesNotMatch(text, /\bwww\./i);
    assert.doesNotMatch(text, /https?:\/\//i);
  });

  it('renders an empty workspace without tables of nothing', () => {
    const text = renderReportMarkdown({ ...hostileReport(), requirements: [], concentration: [], staleEvidence: [], silenced: [], unreadFiles: [] });
    assert.match(text, /No requirements yet\./);
    assert.match(text, /No open requirement rests on sales evidence\./);
  });
});
