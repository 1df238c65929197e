/**
 * The report as CSV, one row per requirement, for a spreadsheet: RFC 4180 (quoted where needed,
 * CRLF between records) with a byte-order mark so that Excel reads it as UTF-8.
 *
 * Text from the files that starts with = + - @ (or a tab or carriage return) gets a leading
 * apostrophe. A spreadsheet would otherwise run it as a formula (`=HYPERLINK(…)`, `=cmd|…`):
 * opening a report must never execute what someone typed into a requirement.
 */
import { stringify } from 'csv-stringify/sync';
import { EVIDENCE_KINDS } from '../../../schemas/evidence';
import type { EvidenceKind } from '../../../schemas/evidence';
import type { Report } from '../engine/report';
import { VERDICT_LABEL, verdictReason } from './words';

const KINDS = Object.keys(EVIDENCE_KINDS) as EvidenceKind[];

export const CSV_COLUMNS = [
  'file',
  'line',
  'id',
  'title',
  'area',
  'status',
  'owner',
  'on-roadmap',
  'verdict',
  'why',
  'sales',
  'market',
  ...KINDS,
  'incomplete',
  'accounts',
  'findings',
  'silenced',
] as const;

/** A cell a spreadsheet shows as text, never evaluates. */
export function inertCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function renderReportCsv(report: Report): string {
  const records = report.requirements.map((r) => {
    const record: Record<string, string | number> = {
      file: r.file,
      line: r.line + 1,
      id: r.id ?? '',
      title: r.title ?? '',
      area: r.area ?? '',
      status: r.status ?? '',
      owner: r.owner ?? '',
      'on-roadmap': r.onRoadmap ? 'yes' : 'no',
      verdict: VERDICT_LABEL[r.verdict],
      why: verdictReason(r, report),
      sales: r.evidence.sales,
      market: r.evidence.market,
      incomplete: r.evidence.incomplete,
      accounts: r.accounts.join('; '),
      findings: r.findings.map((f) => f.code).join(' '),
      silenced: r.silenced.map((s) => `${s.code}: ${s.reason}`).join('; '),
    };
    for (const kind of KINDS) record[kind] = r.evidence.byKind[kind] ?? 0;
    return record;
  });
  return stringify(records, {
    header: true,
    columns: [...CSV_COLUMNS],
    bom: true,
    record_delimiter: 'windows',
    cast: { string: inertCell },
  });
}
