/**
 * The report as GitHub-flavoured Markdown: for a pull request comment, a wiki page or a terminal.
 * Text from the files only ever lands in table cells, made inert by `cell`.
 */
import type { Status } from '../../../schemas/primitives';
import type { Report, RequirementReadiness, Verdict } from '../engine/report';
import { VERDICTS } from '../engine/report';
import {
  evidenceSummary,
  formatAmounts,
  formatDay,
  kindLabel,
  kindsSummary,
  marketShare,
  plural,
  roadmapDetail,
  roadmapHeadline,
  mixSummary,
  rowsOfStage,
  STAGES,
  statusLabel,
  unreadSummary,
  VERDICT_LABEL,
  VERDICT_MEANING,
  verdictReason,
} from './words';

/** A coloured mark per verdict, the same colours as the HTML badges; the label says it in words. */
export const MARK: Record<Verdict, string> = {
  blocked: '🔴',
  'at-risk': '🟠',
  'no-evidence': '🟡',
  waived: '🟣',
  gathering: '🔵',
  ready: '🟢',
  closed: '⚪',
};

/**
 * File text as one inert table cell: on one line, and with every character that Markdown or a GFM
 * table would read as syntax escaped (pipes, emphasis, links, code, raw HTML, entities, maths).
 * Where GitHub shows the report (a pull-request comment, a job summary) it also turns bare URLs,
 * `www.` hosts and e-mail addresses into links, `@name` into a mention that notifies someone, and
 * `#123` or `GH-123` into issue references: an invisible joiner (U+200D) around `@` and after `#`, a
 * URL's scheme, `www` and `GH` keeps the text readable as written and stops each of those.
 */
export function cell(text: string | undefined): string {
  if (text === undefined || text.trim() === '') return '—';
  return text
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ')
    .replace(/[\\`*_[\]<>|~&$]/g, '\\$&')
    // Before @ for e-mail addresses, after it for mentions.
    .replace(/@/g, '\u200d@\u200d')
    .replace(/#(?=\d)/g, '#\u200d')
    .replace(/\b([a-z][a-z0-9+.-]*)(?=:\/\/)/gi, '$1\u200d')
    .replace(/\b(www)(?=\.)/gi, '$1\u200d')
    .replace(/\b(gh)(?=-\d)/gi, '$1\u200d')
    .trim();
}

function table(header: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const rule = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function verdictCell(v: Verdict): string {
  return `${MARK[v]} ${VERDICT_LABEL[v]}`;
}

function where(row: { path: string; line: number }): string {
  return cell(`${row.path}:${row.line + 1}`);
}

function readinessRows(report: Report, rows: RequirementReadiness[]): string[][] {
  return rows.map((r) => [
    verdictCell(r.verdict),
    cell(r.id),
    cell(r.title),
    cell(r.area),
    statusLabel(r.status),
    cell(r.owner),
    evidenceSummary(r.evidence),
    cell(kindsSummary(r.evidence.byKind)),
    cell(r.accounts.join(', ')),
    cell(verdictReason(r, report)),
    where(r),
  ]);
}

export function renderReportMarkdown(report: Report): string {
  const out: string[] = [];
  const h = report.headline;
  out.push(`# Roadmap readiness — ${formatDay(report.today)}`);
  out.push(
    `${plural(h.requirements, 'requirement')} in ${plural(report.files, 'file')}. The roadmap needs ` +
      `${plural(report.policy.minMarketEvidence, 'market evidence item')}; evidence older than ` +
      `${report.policy.staleAfterDays} days is stale.`,
  );
  const detail = roadmapDetail(h.roadmap);
  const unread = unreadSummary(report.unreadFiles.map((f) => f.path));
  const top = report.concentration[0];
  const mix = marketShare(report.evidenceMix);
  out.push(
    [
      ...(unread ? [`- ⚠️ **${cell(unread)}** — their requirements are not counted here (see Files not read, below)`] : []),
      `- **${roadmapHeadline(h.roadmap)}**${detail ? ` — ${detail}` : ''}`,
      `- **${report.byVerdict['at-risk']} at risk** across the workspace, resting on one account or on sales alone`,
      `- **${h.readyToPromote} ready to promote** from the pipeline`,
      ...(top
        ? [`- Top account: **${cell(top.account)}** drives ${plural(top.requirements, 'open requirement')}, ${top.withoutMarketEvidence} without market evidence`]
        : []),
      ...(mix !== undefined ? [`- **${mix}% market evidence** (${mixSummary(report.evidenceMix)})`] : []),
    ].join('\n'),
  );

  out.push('## Verdicts');
  out.push(
    table(
      ['Verdict', 'Requirements', 'Meaning'],
      VERDICTS.map((v) => [verdictCell(v), String(report.byVerdict[v]), VERDICT_MEANING[v]]),
      ['l', 'r', 'l'],
    ),
  );
  out.push(
    table(
      ['Status', 'Requirements'],
      Object.entries(report.byStatus)
        .filter(([s, n]) => s !== 'none' || n > 0)
        .map(([s, n]) => [statusLabel(s === 'none' ? undefined : (s as Status)), String(n)]),
      ['l', 'r'],
    ),
  );

  out.push('## Readiness');
  for (const stage of STAGES) {
    const rows = rowsOfStage(report, stage.key);
    if (!rows.length) continue;
    out.push(`### ${stage.title} (${rows.length})`);
    out.push(
      table(
        ['Verdict', 'ID', 'Title', 'Area', 'Status', 'Owner', 'Evidence', 'By kind', 'Accounts', 'Why', 'Where'],
        readinessRows(report, rows),
      ),
    );
  }
  if (!report.requirements.length) out.push('No requirements yet.');

  out.push('## Account concentration');
  if (report.concentration.length) {
    out.push('Accounts whose sales conversations drive open requirements, most first.');
    out.push(
      table(
        ['#', 'Account', 'Requirements', 'Without market evidence', 'On the roadmap', 'Deals', 'Deal amounts', 'Drives'],
        report.concentration.map((a, i) => [
          String(i + 1),
          cell(a.account),
          String(a.requirements),
          String(a.withoutMarketEvidence),
          String(a.onRoadmap),
          String(a.deals),
          a.amounts.length ? formatAmounts(a.amounts) : '—',
          cell(a.drives.join(', ')),
        ]),
        ['r', 'l', 'r', 'r', 'r', 'r', 'r', 'l'],
      ),
    );
  } else {
    out.push('No open requirement rests on sales evidence.');
  }

  out.push('## Evidence mix');
  const m = report.evidenceMix;
  out.push(
    table(
      ['Area', 'Requirements', 'Sales', 'Market', 'Same account as the deal', 'Market share', 'By kind'],
      m.byArea.map((a) => {
        const share = marketShare(a);
        return [
          cell(a.area ?? 'No area'),
          String(a.requirements),
          String(a.sales),
          String(a.market),
          String(a.sameAccount),
          share === undefined ? '—' : `${share}%`,
          cell(kindsSummary(a.byKind)),
        ];
      }),
      ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
  );
  out.push(
    table(
      ['Kind', 'Counts as', 'Items'],
      m.byKind.filter((k) => k.count > 0).map((k) => [kindLabel(k.kind), k.class, String(k.count)]),
      ['l', 'l', 'r'],
    ),
  );

  out.push(`## Stale evidence`);
  if (report.staleEvidence.length) {
    out.push(`Older than ${report.policy.staleAfterDays} days on ${formatDay(report.today)}: the market may have moved.`);
    out.push(
      table(
        ['Requirement', 'Kind', 'Account', 'Date', 'Age (days)', 'Where'],
        report.staleEvidence.map((s) => [
          cell(s.requirement ?? s.title),
          s.kind ? kindLabel(s.kind) : '—',
          cell(s.account),
          s.date,
          String(s.ageDays),
          where(s),
        ]),
        ['l', 'l', 'l', 'l', 'r', 'l'],
      ),
    );
  } else {
    out.push(`None: all evidence is younger than ${report.policy.staleAfterDays} days.`);
  }

  out.push('## Silenced findings');
  if (report.silenced.length) {
    out.push('Findings a person decided to accept, with the reason they gave.');
    out.push(
      table(
        ['Requirement', 'Finding', 'Reason', 'Where'],
        report.silenced.map((s) => [cell(s.requirement), `\`${s.code}\``, cell(s.reason), where(s)]),
      ),
    );
  } else {
    out.push('None.');
  }

  if (report.unreadFiles.length) {
    out.push('## Files not read');
    out.push('Their YAML could not be read, so their requirements are not in this report. Fix them first.');
    out.push(table(['File', 'Problem'], report.unreadFiles.map((f) => [where(f), cell(f.message)])));
  }
  return out.join('\n\n') + '\n';
}
