/**
 * Completion from what the file format allows and what the workspace already holds: keys not yet
 * written, statuses and evidence kinds, requirement ids in `depends-on`, accounts already in use.
 */
import { CompletionItemKind, MarkupKind } from 'vscode-languageserver';
import type { CompletionItem, Position } from 'vscode-languageserver';
import { CONFIG_KEYS, RULE_CODES, SEVERITY_SETTINGS } from '../../../schemas/config';
import { EVIDENCE_KIND_NAMES, EVIDENCE_KINDS, evidenceKeys, isEvidenceKind } from '../../../schemas/evidence';
import { evidenceOf } from '../engine/independence';
import { STATUSES } from '../../../schemas/primitives';
import type { Status } from '../../../schemas/primitives';
import { FILE_KEYS, REQUIREMENT_KEYS, WAIVER_KEYS } from '../../../schemas/requirements';
import { cursorContext } from '../engine/cursor';
import type { CursorContext } from '../engine/cursor';
import { ALL_RULES } from '../engine';
import { toRange } from './convert';
import { describeKind, STATUS_MEANING } from './words';
import type { DocumentView } from './document-view';

const ENUMS: Record<string, readonly string[]> = {
  status: STATUSES,
  kind: EVIDENCE_KIND_NAMES,
  stage: ['open', 'won', 'lost'],
  outcome: ['won', 'lost'],
};

export function complete(view: DocumentView | undefined, position: Position): CompletionItem[] {
  if (!view) return [];
  const offset = view.lines.offsetAt(position);
  const ctx = cursorContext(view.text, offset);
  // An account name has spaces: it replaces the whole value, not just the word at the cursor.
  const whole = ctx.position === 'value' && ctx.key === 'account' && ctx.value;
  const range = toRange(view.lines, whole || ctx.span);
  const items = view.isConfig ? configItems(ctx) : requirementItems(view, ctx, offset);
  return items.map(({ insertText, ...item }) => ({ ...item, textEdit: { range, newText: insertText ?? item.label } }));
}

function keys(names: readonly string[], ctx: CursorContext, detail: (k: string) => string | undefined): CompletionItem[] {
  return names
    .filter((k) => !ctx.siblings.has(k))
    .map((k, i) => ({ label: k, kind: CompletionItemKind.Property, insertText: `${k}: `, detail: detail(k), sortText: String(i).padStart(3, '0') }));
}

function values(names: readonly string[], doc?: (v: string) => string | undefined): CompletionItem[] {
  return names.map((v, i) => ({
    label: v,
    kind: CompletionItemKind.EnumMember,
    sortText: String(i).padStart(3, '0'),
    ...(doc?.(v) ? { documentation: { kind: MarkupKind.Markdown, value: doc(v)! } } : {}),
  }));
}

function requirementItems(view: DocumentView, ctx: CursorContext, offset: number): CompletionItem[] {
  const catalog = view.project.workspace.catalog();
  if (ctx.position === 'entry' || (ctx.position === 'value' && ctx.key === 'depends-on')) {
    if ((ctx.position === 'entry' ? ctx.key : 'depends-on') !== 'depends-on') return [];
    const own = ctx.siblings.get('id');
    return [...catalog.definitions.entries()]
      .filter(([id]) => id !== own)
      .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
      .map(([id, defs], i) => ({
        label: id,
        kind: CompletionItemKind.Reference,
        detail: defs[0].requirement.title,
        sortText: String(i).padStart(5, '0'),
      }));
  }
  if (ctx.position === 'value') {
    const key = ctx.key!;
    if (key in ENUMS) {
      if (key === 'kind') return values(EVIDENCE_KIND_NAMES, (k) => (isEvidenceKind(k) ? describeKind(k) : undefined));
      if (key === 'status') return values(STATUSES, (s) => STATUS_MEANING[s as Status]);
      return values(ENUMS[key]);
    }
    if (key === 'account') {
      // In a market item, the accounts of the requirement's own deals come last, said for what they
      // are: an interview with the customer whose deal asked for it is the same voice, not the market.
      const same = sameVoiceAccounts(view, ctx, offset);
      const accounts = [...catalog.accounts.entries()]
        .map(([key, a]) => ({ ...a, same: same.has(key) }))
        .sort((a, b) => Number(a.same) - Number(b.same) || b.uses - a.uses || a.name.localeCompare(b.name));
      return accounts.map((a, i) => ({
        label: a.name,
        kind: CompletionItemKind.Value,
        detail: a.same
          ? "this requirement's own deal: market evidence from it is the same voice, not independent"
          : `used ${a.uses} time${a.uses === 1 ? '' : 's'} in the workspace`,
        sortText: String(i).padStart(5, '0'),
      }));
    }
    return [];
  }
  switch (ctx.block) {
    case '':
      return keys(FILE_KEYS, ctx, (k) => (k === 'area' ? 'the product area, shown in reports' : 'the list of requirements'));
    case 'requirements[]':
      return keys(REQUIREMENT_KEYS, ctx, (k) => REQUIREMENT_KEY_DETAIL[k]);
    case 'requirements[].waiver':
      return keys(WAIVER_KEYS, ctx, () => undefined);
    case 'requirements[].evidence[]': {
      const kind = ctx.siblings.get('kind');
      if (!kind || !isEvidenceKind(kind)) return keys(['kind', 'date', 'account', 'note', 'link'], ctx, () => undefined);
      return keys(
        evidenceKeys(kind).map((k) => k.key),
        ctx,
        (k) => (evidenceKeys(kind).find((e) => e.key === k)?.required ? `required for ${kind}` : `optional`),
      );
    }
    default:
      return [];
  }
}

/** In a market evidence item: the comparison keys of the accounts the requirement's sales evidence names. */
function sameVoiceAccounts(view: DocumentView, ctx: CursorContext, offset: number): ReadonlySet<string> {
  const kind = ctx.siblings.get('kind');
  if (ctx.block !== 'requirements[].evidence[]' || !kind || !isEvidenceKind(kind) || EVIDENCE_KINDS[kind].class !== 'market') return new Set();
  const req = view.analysis?.model.requirements.find((r) => r.span.start <= offset && offset <= r.span.end);
  return new Set(req ? evidenceOf(req).salesAccounts.keys() : []);
}

const REQUIREMENT_KEY_DETAIL: Record<string, string> = {
  id: 'required: unique across the workspace, e.g. CHK-101',
  title: 'required: what it is, in a few words',
  status: `required: ${STATUSES.join(' | ')}`,
  owner: 'who drives it',
  problem: "the problem, in the customer's words",
  segments: 'market segments, e.g. [mid-market, dach]',
  'depends-on': 'ids of requirements it needs first',
  evidence: 'what the market says: interviews, tickets, metrics, deals…',
  waiver: 'an approved exception to the roadmap gate',
};

function configItems(ctx: CursorContext): CompletionItem[] {
  if (ctx.position === 'value' && ctx.block === 'rules') return values(SEVERITY_SETTINGS);
  if (ctx.position === 'entry' && ctx.key === 'statuses') return values(STATUSES);
  if (ctx.position === 'value' && ctx.key === 'statuses') return values(STATUSES);
  if (ctx.position !== 'key') return [];
  if (ctx.block === '') return keys(CONFIG_KEYS, ctx, () => undefined);
  if (ctx.block === 'roadmap') return keys(['statuses', 'min-market-evidence'], ctx, () => undefined);
  if (ctx.block === 'rules') {
    return RULE_CODES.filter((c) => !ctx.siblings.has(c)).map((c) => ({
      label: c,
      kind: CompletionItemKind.Property,
      insertText: `${c}: `,
      detail: ALL_RULES.find((r) => r.code === c)?.summary,
    }));
  }
  return [];
}
