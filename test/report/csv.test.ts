/**
 * The CSV report read back by a real CSV parser: one record per requirement, every field exactly
 * the text from the files (quotes, commas and line breaks survive), except that text a spreadsheet
 * would run as a formula starts with an apostrophe.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, renderReportCsv } from '../../server/src/report/csv';
import { ATTACKS, HOSTILE_FILE, HOSTILE_ID, hostileReport, MULTILINE } from './hostile';
import { runCli, TODAY } from './helpers';
import { join } from 'node:path';

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

function read(csv: string): Row[] {
  return parse(csv, { bom: true, columns: true, relax_quotes: false, skip_empty_lines: false }) as Row[];
}

describe('CSV report', () => {
  it('is RFC 4180 with a byte-order mark and one record per requirement', async () => {
    const { stdout, exit } = await runCli(join(__dirname, '..', '..'), ['report', 'examples', '--format', 'csv', '--today', TODAY]);
    assert.equal(exit, 0);
    assert.ok(stdout.startsWith('\ufeff'), 'a BOM, so that Excel reads UTF-8');
    assert.ok(stdout.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(stdout), 'records end with CRLF');
    const rows = read(stdout);
    assert.equal(rows.length, 12);
    assert.deepEqual(Object.keys(rows[0]), [...CSV_COLUMNS]);
    const chk101 = rows.find((r) => r.id === 'CHK-101')!;
    assert.deepEqual(
      { file: chk101.file, line: chk101.line, verdict: chk101.verdict, sales: chk101.sales, market: chk101.market, interview: chk101.interview, accounts: chk101.accounts },
      { file: 'examples/checkout.req.yaml', line: '15', verdict: 'Ready', sales: '1', market: '2', interview: '1', accounts: 'Acme GmbH; Globex AG' },
    );
    assert.equal(rows.find((r) => r.id === 'RPT-4')!.findings, 'roadmap-gate unknown-reference single-deal duplicate-evidence');
  });

  it('round-trips hostile text, and defuses formulas', () => {
    const report = hostileReport();
    const rows = read(renderReportCsv(report));
    assert.equal(rows.length, report.requirements.length);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const h1 = byId.get('H-1')!;
    assert.equal(h1.title, ATTACKS.script);
    assert.equal(h1.owner, ATTACKS.img);
    assert.equal(h1.accounts, ATTACKS.attribute);
    assert.equal(h1.file, HOSTILE_FILE);
    assert.equal(byId.get('H-2')!.title, MULTILINE, 'quotes, commas and the line break survive');
    assert.equal(byId.get('H-2')!.accounts, ATTACKS.style);
    assert.equal(byId.get('H-4')!.title, ATTACKS.entity);
    assert.equal(byId.get('H-4')!.accounts, ATTACKS.unicode);
    assert.equal(byId.get('H-4')!.silenced, `single-deal: ${ATTACKS.img}`);
    assert.equal(byId.get(HOSTILE_ID)!.title, ATTACKS.markdown);
    // A spreadsheet would evaluate these; the apostrophe makes them text.
    assert.equal(byId.get('H-2')!.owner, `'${ATTACKS.plus}`);
    assert.equal(byId.get('H-3')!.owner, `'${ATTACKS.minus}`);
    assert.equal(byId.get('H-3')!.why, `approved by ${ATTACKS.at}`, 'not at the start of the cell: left as written');
    assert.equal(byId.get('H-3')!.accounts, ATTACKS.link);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        assert.doesNotMatch(value, /^[=+\-@\t\r]/, `${column} of ${row.id} would run as a formula: ${value}`);
      }
    }
  });

  it('defuses a formula in any text column', () => {
    const report = hostileReport();
    const row = { ...report.requirements[0], title: ATTACKS.formula, area: '@SUM(A1)', owner: '\t=1+1', accounts: ['-1+1'] };
    const [parsed] = read(renderReportCsv({ ...report, requirements: [row] }));
    assert.equal(parsed.title, `'${ATTACKS.formula}`);
    assert.equal(parsed.area, "'@SUM(A1)");
    assert.equal(parsed.owner, "'\t=1+1");
    assert.equal(parsed.accounts, "'-1+1");
  });

  it('writes the header alone for an empty workspace', () => {
    const csv = renderReportCsv({ ...hostileReport(), requirements: [] });
    assert.equal(csv, '\ufeff' + CSV_COLUMNS.join(',') + '\r\n');
  });
});
