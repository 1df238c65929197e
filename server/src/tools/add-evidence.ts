/**
 * inbound_add_evidence: one evidence item, read with its kind's schema from the file format
 * (schemas/evidence.ts), appended to a requirement's evidence by the engine's own inserter — the
 * one the *Add market evidence* quick fix uses (`appendEvidence`), with its layout rules and its
 * check that every other value of the requirement stays as it was. The edit is then read back: the
 * file with it applied must hold exactly the item described, or nothing is offered.
 *
 * Planning is pure: the hosts apply the plan (the editor as a WorkspaceEdit, `inbound mcp
 * --allow-edits` by replacing the file), each only on the very text it was planned on, and then ask
 * `addedEvidence` what the requirement's verdict is now.
 */
import { EVIDENCE_KINDS, evidenceItemSchemas } from '../../../schemas/evidence';
import type { EvidenceKind } from '../../../schemas/evidence';
import { accountKey, applyEdits } from '../engine';
import type { TextEdit } from '../engine';
import { appendEvidence } from '../engine/fixes/add-market-evidence';
import type { ItemEntries } from '../engine/fixes/add-market-evidence';
import { evidenceOf } from '../engine/independence';
import type { Verdict } from '../engine/report';
import { VERDICT_LABEL, verdictReason } from '../report/words';
import type { ToolAnswer } from './answer';
import { listLines } from './answer';
import type { AddEvidenceInput } from './definitions';
import { issueSentence, ToolError } from './errors';
import { locate } from './locate';
import { rowOf } from './requirement';
import type { ToolScope } from './scope';
import { writtenEvidence } from './written';

export type EvidenceValue = string | number;

export interface EvidencePlan {
  id: string;
  /** The engine's name for the file (its path, or the editor's URI). */
  file: string;
  /** The file as the assistant names it. */
  fileName: string;
  /** The text the edit was planned on: a host applies the edit to this text and no other. */
  text: string;
  edits: TextEdit[];
  /** The item as the file will hold it, keys in the order written. */
  item: Record<string, EvidenceValue>;
  /** What is inserted, as it will read in the file (for the confirmation). */
  inserted: string;
  /** 1-based line after which the item goes. */
  afterLine: number;
  /** One sentence: the edit, for the person confirming it. */
  description: string;
  /** The requirement's verdict before the edit. */
  before: Verdict;
}

/** The keys of an item in the order they are written: kind, account, the kind's own, date, note, link. */
function keyOrder(kind: EvidenceKind): string[] {
  const own = Object.keys(EVIDENCE_KINDS[kind].fields).filter((k) => k !== 'account');
  return ['kind', 'account', ...own, 'date', 'note', 'link'];
}

/** Words a plain scalar may hold and still read back as the same text in a block or a flow list. */
const PLAIN = /^[A-Za-z][A-Za-z0-9 _.@/&'()+-]*$/;
/** Plain words YAML (1.1 or 1.2) reads as something other than text. */
const NOT_TEXT = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;

/**
 * A value as a YAML scalar on one line: numbers and dates as they are, words plain where that reads
 * back the same, anything else double-quoted with JSON's escapes (valid YAML), line breaks and other
 * invisible characters escaped, so the item is always one line per key.
 */
export function yamlScalar(key: string, value: EvidenceValue): string {
  if (typeof value === 'number') return String(value);
  if (key === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (PLAIN.test(value) && !NOT_TEXT.test(value) && !/ $|\s#|: /.test(value)) return value;
  return JSON.stringify(value).replace(/[\u007f-\u009f\u00ad\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** "an interview (account: Globex AG, person: CFO) dated 2026-11-23" */
export function itemPhrase(item: Record<string, EvidenceValue>): string {
  const { kind, date, ...rest } = item;
  const facts = Object.entries(rest).map(([k, v]) => `${k}: ${typeof v === 'string' && v.length > 80 ? v.slice(0, 77) + '…' : v}`);
  return `${article(String(kind))} ${kind}${facts.length ? ` (${facts.join(', ')})` : ''} dated ${date}`;
}

export function planAddEvidence(scope: ToolScope, input: AddEvidenceInput): EvidencePlan {
  const at = locate(scope, input.id, input.file);
  const { req, judged, project } = at;
  const id = req.id!;
  const { kind, date, ...fields } = input.evidence as { kind: EvidenceKind; date?: string } & Record<string, unknown>;
  const given: Record<string, unknown> = { kind, date: date ?? project.workspace.today };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) given[k] = v;
  // The kind's own schema from the file format: what it needs, what it takes, dates, counts.
  const schema = evidenceItemSchemas[kind];
  const read = schema.safeParse(given, { reportInput: true });
  const subject = `${kind.charAt(0).toUpperCase()}${kind.slice(1)} evidence`;
  if (!read.success) throw new ToolError(issueSentence(read.error.issues[0], subject, Object.keys(schema.shape)));
  const valid = read.data as Record<string, unknown>;
  const item: Record<string, EvidenceValue> = {};
  for (const key of keyOrder(kind)) {
    const v = valid[key];
    if (typeof v === 'string' || typeof v === 'number') item[key] = v;
  }
  const entries: ItemEntries = Object.entries(item).map(([k, v]) => [k, yamlScalar(k, v)] as const);
  const { text } = judged.analysis;
  const fileName = scope.fileName(at.file);
  const line = (offset: number) => judged.analysis.lines.positionAt(offset).line + 1;
  const edits = appendEvidence(text, req, entries);
  if (!edits) {
    throw new ToolError(
      `${id}'s evidence in ${fileName}:${line(req.span.start)} is written in a way Inbound does not extend without touching more (a flow map, an anchor other requirements use, or a comment that must stay where it is); add the item there by hand.`,
    );
  }
  // Read back: the file with the edit holds one more item, exactly the one described.
  const before = writtenEvidence(text, req.index) ?? [];
  const after = writtenEvidence(applyEdits(text, edits), req.index);
  const added = after?.[after.length - 1];
  const same = added && Object.keys(added).length === Object.keys(item).length && Object.entries(item).every(([k, v]) => added[k] === v);
  if (!after || after.length !== before.length + 1 || !same) {
    throw new ToolError(`Inbound cannot write this evidence into ${fileName} so that it reads back exactly as given; nothing was changed.`);
  }
  const { row } = rowOf(scope, at);
  const account = typeof item.account === 'string' ? item.account : undefined;
  const sameVoice = EVIDENCE_KINDS[kind].class === 'market' && account !== undefined && evidenceOf(req).salesAccounts.has(accountKey(account));
  const inserted = edits
    .map((e) => e.newText)
    .join('')
    .replace(/^[\r\n]+|[\r\n]+$/g, '');
  const afterLine = line(edits[edits.length - 1].span.start);
  const description =
    `Add ${itemPhrase(item)} to the evidence of ${id}${req.title ? ` (${req.title})` : ''} in ${fileName}, after line ${afterLine}.` +
    (sameVoice ? ` ${account} is an account of ${id}'s own sales evidence: the item is the same voice and will not count as market evidence.` : '');
  return { id, file: at.file, fileName, text, edits, item, inserted, afterLine, description, before: row.verdict };
}

/** What the requirement is once the edit is in: read from the scope as it now is (the file re-checked). */
export function addedEvidence(scope: ToolScope, plan: Pick<EvidencePlan, 'id' | 'fileName' | 'item' | 'before'>): ToolAnswer {
  const at = locate(scope, plan.id, plan.fileName);
  const { row, report } = rowOf(scope, at);
  const last = at.req.evidence[at.req.evidence.length - 1];
  const line = last ? at.judged.analysis.lines.positionAt(last.span.start).line : row.line;
  const { detail: _detail, ...requirement } = row;
  const verdict =
    row.verdict === plan.before
      ? `${plan.id} is still ${VERDICT_LABEL[row.verdict].toLowerCase()} (${verdictReason(row, report)}).`
      : `${plan.id}: ${VERDICT_LABEL[plan.before]} → ${VERDICT_LABEL[row.verdict]} (${verdictReason(row, report)}).`;
  const lines = [
    `Added ${itemPhrase(plan.item)} to ${plan.id} in ${row.file}:${line + 1}.`,
    verdict,
    ...(row.findings.length ? listLines(row.findings.map((f) => `- ${f.severity} ${f.code}: ${f.message}`), 10) : []),
  ];
  return {
    summary: lines.join('\n'),
    data: { added: plan.item, file: row.file, line, before: plan.before, requirement },
  };
}
