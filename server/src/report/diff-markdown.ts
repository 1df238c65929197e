/**
 * The roadmap diff as GitHub-flavoured Markdown, for a pull-request comment or a job summary: one
 * headline sentence a reviewer reads in ten seconds, then only the sections that have something to
 * say. Every text from the files (ids, titles, accounts, reasons, paths) goes through the report's
 * inert `cell`, in the tables and in the headline alike.
 */
import type { DiffRequirement, RoadmapDiff } from '../engine/diff';
import type { Verdict } from '../engine/report';
import {
  amountsChange,
  because,
  configChange,
  countChange,
  diffHeadline,
  evidenceWhy,
  itemText,
  movedText,
  notToldAbove,
  reclassifiedText,
  requirementName,
  sideName,
  statusChange,
  verdictName,
  waiverText,
} from './diff-words';
import { cell, MARK } from './markdown';
import { formatDay, plural } from './words';

/** A section's table stops here: the JSON has every row, a comment needs the first ones. */
const MAX_ROWS = 50;

function verdict(v: Verdict | undefined): string {
  return v ? `${MARK[v]} ${verdictName(v)}` : '—';
}

function verdictChange(before: Verdict | undefined, after: Verdict | undefined): string {
  if (!before) return verdict(after);
  if (!after) return `${verdict(before)} → removed`;
  return before === after ? verdict(after) : `${verdict(before)} → ${verdict(after)}`;
}

function table(header: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const rule = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  const shown = rows.slice(0, MAX_ROWS);
  const out = [header, rule, ...shown].map((r) => `| ${r.join(' | ')} |`).join('\n');
  return rows.length > MAX_ROWS ? `${out}\n\n…and ${rows.length - MAX_ROWS} more (\`inbound diff --format json\` lists every one).` : out;
}

function where(r: { path: string; line: number; project?: string }): string {
  return cell(`${r.path}:${r.line + 1}`);
}

function id(r: DiffRequirement): string {
  return cell(r.id ?? requirementName(r));
}

export function renderDiffMarkdown(d: RoadmapDiff): string {
  const out: string[] = [];
  out.push('## Roadmap diff');
  out.push(diffHeadline(d, cell));
  out.push(
    `_Base: ${cell(sideName(d.base))} · head: ${cell(sideName(d.head))} · judged on ${formatDay(d.today)}, each side with its own inbound.config.yaml · ` +
      `roadmap: ${d.base.roadmap.total} → ${d.head.roadmap.total} items, ${d.base.roadmap.ready} → ${d.head.roadmap.ready} ready, ` +
      `${d.base.roadmap.blocked} → ${d.head.roadmap.blocked} blocked_`,
  );

  if (d.unread.head.length || d.unread.base.length) {
    out.push('### Files not read');
    out.push('Their YAML could not be read on one side, so their requirements are not compared. Fix them first.');
    out.push(
      table(
        ['Side', 'File', 'Problem'],
        [...d.unread.head.map((f) => ['head', where(f), cell(f.message)]), ...d.unread.base.map((f) => ['base', where(f), cell(f.message)])],
      ),
    );
  }

  if (d.entered.length) {
    out.push(`### Onto the roadmap (${d.entered.length})`);
    out.push(
      table(
        ['Verdict', 'ID', 'Title', 'Status', 'Evidence', 'Where'],
        d.entered.map((r) => [verdict(r.head?.verdict), id(r), cell(r.title), cell(statusChange(r)), cell(evidenceWhy(r.head!)), where(r)]),
      ),
    );
  }

  if (d.left.length) {
    out.push(`### Off the roadmap (${d.left.length})`);
    out.push(
      table(
        ['ID', 'Title', 'Status', 'Verdict', 'Where'],
        d.left.map((r) => [id(r), cell(r.title), cell(statusChange(r)), verdictChange(r.base?.verdict, r.head?.verdict), where(r)]),
      ),
    );
  }

  const verdicts = d.verdicts.filter(notToldAbove(d));
  if (verdicts.length) {
    out.push(`### Verdicts changed (${verdicts.length})`);
    out.push(
      table(
        ['ID', 'Title', 'Verdict', 'Because', 'Evidence now', 'Where'],
        verdicts.map((v) => [id(v), cell(v.title), verdictChange(v.base.verdict, v.head.verdict), cell(because(v, d)), cell(evidenceWhy(v.head)), where(v)]),
      ),
    );
  }

  if (d.warnings.length) {
    out.push(`### New single-deal and sales-only warnings (${d.warnings.length})`);
    out.push(table(['ID', 'Title', 'Warning', 'Message'], d.warnings.map((w) => [id(w), cell(w.title), `\`${w.code}\``, cell(w.message)])));
  }

  if (d.evidence.length) {
    out.push(`### Evidence (${d.evidence.length})`);
    out.push(
      table(
        ['ID', 'Title', 'Added', 'Removed', 'Counted differently', 'Sales', 'Market'],
        d.evidence.map((e) => [
          id(e),
          cell(e.title),
          cell(e.added.map(itemText).join('; ')),
          cell(e.removed.map(itemText).join('; ')),
          cell(e.reclassified.map(reclassifiedText).join('; ')),
          countChange(e.base.evidence.deals + e.base.evidence.rfps, e.head.evidence.deals + e.head.evidence.rfps),
          countChange(e.base.evidence.market, e.head.evidence.market),
        ]),
        ['l', 'l', 'l', 'l', 'l', 'r', 'r'],
      ),
    );
  }

  if (d.waivers.length) {
    out.push(`### Waivers (${d.waivers.length})`);
    out.push(
      table(
        ['ID', 'Title', 'Change', 'Before', 'Now'],
        d.waivers.map((w) => [id(w), cell(w.title), w.change, cell(waiverText(w.from)), cell(waiverText(w.to))]),
      ),
    );
  }

  const changes = [
    ...d.added.map((r) => ['Added', id(r), cell(r.title), cell(statusChange(r)), where(r)]),
    ...d.removed.map((r) => ['Removed', id(r), cell(r.title), cell(statusChange(r)), where(r)]),
    ...d.renamed.map((r) => ['Renamed', cell(`${r.from} → ${r.id ?? ''}`), cell(r.title), cell(statusChange(r)), where(r)]),
    ...d.moved.map((r) => ['Moved', id(r), cell(r.title), cell(statusChange(r)), cell(movedText(r))]),
  ];
  if (changes.length) {
    out.push(`### Requirements added, removed, renamed or moved (${changes.length})`);
    out.push(table(['Change', 'ID', 'Title', 'Status', 'Where'], changes));
  }

  if (d.concentration.length) {
    out.push(`### Account concentration`);
    out.push('Accounts whose sales conversations now drive more of the roadmap, or more deal value, than at the base.');
    out.push(
      table(
        ['Account', 'Roadmap items', 'Open requirements', 'Without market evidence', 'Deal amounts'],
        d.concentration.map((a) => [
          cell(a.account),
          countChange(a.onRoadmap.base, a.onRoadmap.head),
          countChange(a.requirements.base, a.requirements.head),
          countChange(a.withoutMarketEvidence.base, a.withoutMarketEvidence.head),
          amountsChange(a.amounts.base, a.amounts.head),
        ]),
        ['l', 'r', 'r', 'r', 'r'],
      ),
    );
  }

  if (d.policy.length) {
    out.push('### Policy');
    out.push('The configs changed; each side is judged with its own.');
    out.push(
      table(
        ['Project', 'Setting', 'Base', 'Head', 'Verdicts it alone turned'],
        d.policy.flatMap((p) => p.settings.map((s, i) => [cell(p.project + configChange(p)), `\`${s.setting}\``, cell(s.base), cell(s.head), i === 0 ? String(p.verdicts) : ''])),
        ['l', 'l', 'l', 'l', 'r'],
      ),
    );
  }

  out.push(
    `_${plural(d.base.requirements, 'requirement')} in ${plural(d.base.files, 'file')} at the base, ${plural(d.head.requirements, 'requirement')} in ${plural(d.head.files, 'file')} at head. Made by Inbound._`,
  );
  return out.join('\n\n') + '\n';
}
