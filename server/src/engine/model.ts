/**
 * The typed model of a requirement file: each requirement with the ranges the rules point at.
 * Building it validates the shape (zod schemas from `schemas/`) and yields `schema` findings.
 * Each requirement item is read on its own, so a broken item never hides its neighbours.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import type { z } from 'zod';
import { EVIDENCE_KIND_NAMES, EVIDENCE_KINDS, evidenceItemSchemas, evidenceKeys, isEvidenceKind } from '../../../schemas/evidence';
import type { EvidenceClass, EvidenceKind } from '../../../schemas/evidence';
import { STATUSES } from '../../../schemas/primitives';
import type { Status } from '../../../schemas/primitives';
import { FILE_KEYS, REQUIREMENT_KEYS, requirementSchema, WAIVER_KEYS } from '../../../schemas/requirements';
import { closest } from './did-you-mean';
import type { Finding, Span } from './types';
import { AliasBudget, keyText, nodeAtPath, pairOf, toValue, UNREADABLE } from './yaml-values';
import type { ParsedYaml } from './yaml-document';
import { spanOf } from './yaml-document';

export interface Evidence {
  index: number;
  span: Span;
  kind?: EvidenceKind;
  class?: EvidenceClass;
  /** No schema finding of its own: only complete items count for the evidence rules. */
  complete: boolean;
  account?: string;
  /** The account compared case-insensitively, white space collapsed. */
  accountKey?: string;
  deal?: string;
  dealSpan?: Span;
  amount?: number;
  currency?: string;
  stage?: string;
  date?: string;
  dateSpan?: Span;
}

export interface Reference {
  id: string;
  span: Span;
}

export interface Waiver {
  reason?: string;
  approvedBy?: string;
  date?: string;
  /** A non-empty reason and approver: the roadmap gate is waived. */
  complete: boolean;
  span: Span;
}

export interface Requirement {
  index: number;
  /** The whole list item. */
  span: Span;
  /** The first line of the item: where a missing key is reported. */
  headSpan: Span;
  id?: string;
  idSpan?: Span;
  title?: string;
  status?: Status;
  statusSpan?: Span;
  owner?: string;
  problem?: string;
  segments: string[];
  dependsOn: Reference[];
  /** The `evidence` key, if present. */
  evidenceKeySpan?: Span;
  evidence: Evidence[];
  waiver?: Waiver;
}

export interface RequirementFile {
  area?: string;
  /** The `requirements` key, if present (a new requirement is appended under it). */
  requirementsKeySpan?: Span;
  requirements: Requirement[];
  findings: Finding[];
}

export function accountKey(account: string): string {
  return account.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function buildModel(text: string, parsed: ParsedYaml, idPattern: RegExp): RequirementFile {
  const findings: Finding[] = [];
  const file: RequirementFile = { requirements: [], findings };
  const root = parsed.doc?.contents as YamlNode | null | undefined;
  const budget = new AliasBudget(parsed.anchors, 1000 + text.length);
  if (!parsed.doc || root === null || root === undefined) return file;
  if (isScalar(root) && (root.value === null || root.value === '')) return file;
  if (!isMap(root)) {
    findings.push({
      code: 'schema',
      message: "A requirement file is a block of keys: 'area' (optional) and 'requirements' (a list).",
      span: firstLine(text, spanOf(root) ?? { start: 0, end: 0 }),
    });
    return file;
  }
  for (const pair of root.items as Pair<YamlNode, YamlNode>[]) {
    const key = keyText(pair);
    const keySpan = spanOf(pair.key as YamlNode) ?? { start: 0, end: 0 };
    if (key === undefined) {
      findings.push({ code: 'schema', message: 'Keys are plain words, not lists or blocks.', span: keySpan });
    } else if (!FILE_KEYS.includes(key)) {
      findings.push(unknownKey(key, keySpan, FILE_KEYS, 'a requirement file'));
    }
  }
  const areaPair = pairOf(root, 'area');
  if (areaPair) {
    const area = toValue(areaPair.value, budget);
    if (typeof area === 'string' && area.trim()) file.area = area.trim();
    else if (typeof area === 'number') file.area = String(area);
    else
      findings.push({
        code: 'schema',
        message: "'area' names the product area in words, e.g. area: Checkout.",
        span: valueSpan(areaPair),
      });
  }
  const reqPair = pairOf(root, 'requirements');
  if (reqPair) {
    file.requirementsKeySpan = spanOf(reqPair.key as YamlNode);
    const list = budget.resolve(reqPair.value as YamlNode);
    if (list && isSeq(list)) {
      list.items.forEach((item, index) => {
        const req = readRequirement(text, item as YamlNode, index, budget, idPattern, findings);
        if (req) file.requirements.push(req);
      });
    } else if (list && !(isScalar(list) && list.value === null)) {
      findings.push({
        code: 'schema',
        message: "'requirements' is a list: each requirement starts with '- id: …' on its own line.",
        span: valueSpan(reqPair),
      });
    }
  }
  const bomb = budget.finding();
  if (bomb) findings.push(bomb);
  return file;
}

function readRequirement(
  text: string,
  itemNode: YamlNode,
  index: number,
  budget: AliasBudget,
  idPattern: RegExp,
  findings: Finding[],
): Requirement | undefined {
  const span = spanOf(itemNode);
  if (!span) return undefined;
  const node = budget.resolve(itemNode) ?? itemNode;
  const value = toValue(itemNode, budget);
  if (!isMap(node) || value === UNREADABLE || typeof value !== 'object' || value === null || Array.isArray(value)) {
    findings.push({
      code: 'schema',
      message: "Each requirement is a block of keys starting with '- id:', with a title and a status.",
      span: firstLine(text, span),
    });
    return undefined;
  }
  const v = value as Record<string, unknown>;
  const req: Requirement = {
    index,
    span,
    headSpan: firstLine(text, span),
    segments: [],
    dependsOn: [],
    evidence: [],
  };
  const idValue = typeof v.id === 'string' ? v.id.trim() : undefined;
  const subject = idValue || 'This requirement';
  const localFindings: Finding[] = [];
  const report = (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[], what: string, keysAt: (path: PropertyKey[]) => string[]) => {
    for (const issue of issues) {
      localFindings.push(...[issueFinding(text, node, [...prefix, ...issue.path], issue, budget, what, keysAt)].flat());
    }
  };
  const result = requirementSchema.safeParse(v, { reportInput: true });
  if (!result.success) {
    report(result.error.issues, [], subject, (path) => (path.length === 0 ? REQUIREMENT_KEYS : path[0] === 'waiver' ? WAIVER_KEYS : []));
  }

  // Fields, each taken only when well-typed.
  const at = (key: string) => pairOf(node, key);
  if (idValue) {
    req.id = idValue;
    req.idSpan = valueSpan(at('id')!);
    if (!idPattern.test(idValue)) {
      localFindings.push({
        code: 'schema',
        message: `'${idValue}' is not a requirement id of this workspace (pattern ${idPattern.source}), e.g. CHK-101.`,
        span: req.idSpan,
        requirement: idValue,
      });
    }
  }
  if (typeof v.title === 'string' && v.title.trim()) req.title = v.title.trim();
  if (typeof v.status === 'string' && (STATUSES as readonly string[]).includes(v.status)) {
    req.status = v.status as Status;
    req.statusSpan = valueSpan(at('status')!);
  }
  if (typeof v.owner === 'string' && v.owner.trim()) req.owner = v.owner.trim();
  if (typeof v.problem === 'string' && v.problem.trim()) req.problem = v.problem.trim();
  if (Array.isArray(v.segments)) req.segments = v.segments.filter((s): s is string => typeof s === 'string' && !!s.trim());
  const depPair = at('depends-on');
  const depNode = depPair && budget.resolve(depPair.value as YamlNode);
  if (depNode && isSeq(depNode)) {
    depNode.items.forEach((item, i) => {
      const ref = (v['depends-on'] as unknown[])[i];
      const s = spanOf(item as YamlNode);
      if (typeof ref === 'string' && ref.trim() && s) req.dependsOn.push({ id: ref.trim(), span: s });
    });
  }
  const evPair = at('evidence');
  if (evPair) {
    req.evidenceKeySpan = spanOf(evPair.key as YamlNode);
    const evNode = budget.resolve(evPair.value as YamlNode);
    if (evNode && isSeq(evNode) && Array.isArray(v.evidence)) {
      evNode.items.forEach((item, i) => {
        const ev = readEvidence(text, node, item as YamlNode, i, (v.evidence as unknown[])[i], budget, subject, localFindings);
        if (ev) req.evidence.push(ev);
      });
    }
  }
  const waiverPair = at('waiver');
  if (waiverPair && v.waiver && typeof v.waiver === 'object' && !Array.isArray(v.waiver)) {
    const w = v.waiver as Record<string, unknown>;
    const text = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
    const reason = text(w.reason);
    const approvedBy = text(w['approved-by']);
    req.waiver = {
      reason,
      approvedBy,
      date: text(w.date),
      complete: !!reason && !!approvedBy,
      span: { start: spanOf(waiverPair.key as YamlNode)!.start, end: valueSpan(waiverPair).end },
    };
  }
  for (const f of localFindings) f.requirement ??= req.id;
  findings.push(...localFindings);
  return req;
}

function readEvidence(
  text: string,
  reqNode: YamlNode,
  itemNode: YamlNode,
  index: number,
  value: unknown,
  budget: AliasBudget,
  subject: string,
  findings: Finding[],
): Evidence | undefined {
  const span = spanOf(itemNode);
  if (!span) return undefined;
  const path = ['evidence', index];
  const node = budget.resolve(itemNode) ?? itemNode;
  if (!isMap(node) || value === null || typeof value !== 'object' || Array.isArray(value)) {
    findings.push({
      code: 'schema',
      message: "Each evidence item is a block of keys starting with '- kind:', with a date.",
      span: firstLine(text, span),
    });
    return undefined;
  }
  const v = value as Record<string, unknown>;
  const ev: Evidence = { index, span, complete: false };
  const before = findings.length;
  const kindPair = pairOf(node, 'kind');
  if (!kindPair) {
    findings.push({
      code: 'schema',
      message: `This evidence of ${subject} is missing 'kind': say what it is (${EVIDENCE_KIND_NAMES.slice(0, 5).join(', ')}, …).`,
      span: firstLine(text, span),
      data: { missingKey: 'kind' },
    });
  } else if (!isEvidenceKind(v.kind)) {
    const said = typeof v.kind === 'string' ? v.kind : '';
    const suggestion = said ? closest(said, EVIDENCE_KIND_NAMES) : undefined;
    findings.push({
      code: 'schema',
      message:
        `'${said || String(v.kind)}' is not an evidence kind.` +
        (suggestion ? ` Did you mean '${suggestion}'?` : '') +
        ` Kinds: ${EVIDENCE_KIND_NAMES.join(', ')}.`,
      span: valueSpan(kindPair),
      data: suggestion ? { replacement: suggestion } : undefined,
    });
  } else {
    const kind = v.kind;
    ev.kind = kind;
    ev.class = EVIDENCE_KINDS[kind].class;
    const result = evidenceItemSchemas[kind].safeParse(v, { reportInput: true });
    if (!result.success) {
      const keys = evidenceKeys(kind).map((k) => k.key);
      for (const issue of result.error.issues) {
        const f = issueFinding(text, reqNode, [...path, ...issue.path], issue, budget, `This ${kind} evidence`, (p) =>
          p.length === 0 ? keys : [],
        );
        findings.push(...[f].flat());
      }
    }
  }
  ev.complete = findings.length === before;
  const str = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
  ev.account = str(v.account);
  if (ev.account) ev.accountKey = accountKey(ev.account);
  ev.deal = str(v.deal);
  if (ev.deal) ev.dealSpan = valueSpan(pairOf(node, 'deal')!);
  if (typeof v.amount === 'number' && Number.isFinite(v.amount) && v.amount >= 0) ev.amount = v.amount;
  ev.currency = str(v.currency);
  ev.stage = str(v.stage);
  const date = str(v.date);
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
    ev.date = date;
    ev.dateSpan = valueSpan(pairOf(node, 'date')!);
  }
  return ev;
}

// ----- schema issues → findings --------------------------------------------------------------

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  array: 'a list',
  object: 'a block of keys',
  boolean: 'yes or no',
};

function issueFinding(
  text: string,
  root: YamlNode,
  path: PropertyKey[],
  issue: z.core.$ZodIssue,
  budget: AliasBudget,
  subject: string,
  keysAt: (path: PropertyKey[]) => string[],
): Finding | Finding[] {
  const field = [...path].reverse().find((p) => typeof p === 'string') as string | undefined;
  const place = nodeAtPath(root, path, budget);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = keysAt(issue.path as PropertyKey[]);
      const map = budget.resolve(place.node) ?? place.node;
      const out: Finding[] = [];
      for (const key of issue.keys) {
        const pair = pairOf(map, key);
        const span = (pair && spanOf(pair.key as YamlNode)) ?? firstLine(text, spanOf(map)!);
        out.push(unknownKey(key, span, allowed, describe(path, subject)));
      }
      return out;
    }
    case 'invalid_type': {
      const missing = place.missing || issue.input === undefined;
      if (missing) {
        const parent = nodeAtPath(root, path.slice(0, -1), budget).node;
        return {
          code: 'schema',
          message: `${subject} is missing '${field}'.${hintFor(field)}`,
          span: firstLine(text, spanOf(parent) ?? { start: 0, end: 0 }),
          data: { missingKey: field, path: path.map(String) },
        };
      }
      if (issue.input === null && place.pair) {
        return {
          code: 'schema',
          message: `'${field}' is empty.${hintFor(field)}`,
          span: spanOf(place.pair.key as YamlNode)!,
        };
      }
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      return {
        code: 'schema',
        message: `'${field}' should be ${expected}.${hintFor(field)}`,
        span: nodeSpan(place.node, place.pair),
      };
    }
    case 'too_small': {
      if (issue.origin === 'string') {
        return { code: 'schema', message: `'${field}' is empty.${hintFor(field)}`, span: nodeSpan(place.node, place.pair) };
      }
      if (issue.origin === 'array') {
        return { code: 'schema', message: `'${field}' needs at least ${issue.minimum} entry.`, span: nodeSpan(place.node, place.pair) };
      }
      return {
        code: 'schema',
        message: `'${field}' must be at least ${issue.minimum}.`,
        span: nodeSpan(place.node, place.pair),
      };
    }
    case 'too_big':
      return { code: 'schema', message: `'${field}' is too large.`, span: nodeSpan(place.node, place.pair) };
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const said = typeof issue.input === 'string' ? issue.input : String(issue.input);
      const suggestion = typeof issue.input === 'string' ? closest(issue.input, allowed) : undefined;
      return {
        code: 'schema',
        message:
          `'${said}' is not allowed for '${field}'.` +
          (suggestion ? ` Did you mean '${suggestion}'?` : '') +
          ` Use one of: ${allowed.join(', ')}.`,
        span: nodeSpan(place.node, place.pair),
        data: suggestion ? { replacement: suggestion } : undefined,
      };
    }
    case 'invalid_format':
    case 'custom': {
      const wanted = issue.message && !issue.message.startsWith('Invalid') ? issue.message : 'a valid value';
      return {
        code: 'schema',
        message: `'${field}' should be ${wanted}.${hintFor(field)}`,
        span: nodeSpan(place.node, place.pair),
      };
    }
    default:
      return { code: 'schema', message: `'${field ?? 'this value'}' is not valid here.`, span: nodeSpan(place.node, place.pair) };
  }
}

function unknownKey(key: string, span: Span, allowed: string[], where: string): Finding {
  const suggestion = closest(key, allowed);
  return {
    code: 'schema',
    message:
      `Unknown key '${key}' in ${where}.` +
      (suggestion ? ` Did you mean '${suggestion}'?` : allowed.length ? ` Known keys: ${allowed.join(', ')}.` : ''),
    span,
    data: suggestion ? { replacement: suggestion } : undefined,
  };
}

function describe(path: PropertyKey[], subject: string): string {
  if (path[0] === 'waiver') return 'a waiver';
  if (path[0] === 'evidence') return subject.replace(/^This /, 'this ');
  return subject === 'This requirement' ? 'a requirement' : subject;
}

const HINTS: Record<string, string> = {
  id: ' Give it an id such as CHK-101, unique across the workspace.',
  title: ' Say in a few words what it is.',
  status: ` Use one of: ${STATUSES.join(', ')}.`,
  date: ' Write the date as YYYY-MM-DD.',
  account: ' Name the customer or prospect.',
  deal: ' Name the deal, e.g. its CRM opportunity id.',
  reason: ' Say why the roadmap gate is waived.',
  'approved-by': ' Name who approved the waiver.',
  link: ' Use a full http(s) address.',
};

function hintFor(field: string | undefined): string {
  return (field && HINTS[field]) || '';
}

function nodeSpan(node: YamlNode, pair?: Pair<YamlNode, YamlNode>): Span {
  const s = spanOf(node);
  if (s && s.end > s.start) return s;
  return (pair && spanOf(pair.key as YamlNode)) ?? s ?? { start: 0, end: 0 };
}

/** The value of a pair, or its key when the value is empty. */
export function valueSpan(pair: Pair<YamlNode, YamlNode>): Span {
  return nodeSpan(pair.value as YamlNode, pair);
}

/** From `span.start` to the end of that line. */
export function firstLine(text: string, span: Span): Span {
  let end = span.start;
  while (end < text.length && end < Math.max(span.end, span.start + 1) && text[end] !== '\n' && text[end] !== '\r') end++;
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  return { start: span.start, end: Math.max(end, span.start) };
}
