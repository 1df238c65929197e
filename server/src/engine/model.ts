/**
 * The typed model of a requirement file: each requirement with the ranges the rules point at.
 * Building it validates the shape (zod schemas from `schemas/`) and yields `schema` findings.
 * Each requirement item is read on its own, so a broken item never hides its neighbours.
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import type { z } from 'zod';
import { EVIDENCE_KIND_NAMES, EVIDENCE_KINDS, EVIDENCE_TEXT, evidenceItemSchemas, evidenceKeys, isEvidenceKind } from '../../../schemas/evidence';
import type { EvidenceClass, EvidenceKind } from '../../../schemas/evidence';
import { DEFAULT_ID_PATTERN, isCalendarDate, STATUSES } from '../../../schemas/primitives';
import type { Status } from '../../../schemas/primitives';
import { FILE_KEYS, REQUIREMENT_KEYS, REQUIREMENT_TEXT, requirementSchema, WAIVER_KEYS, WAIVER_TEXT } from '../../../schemas/requirements';
import { closest } from './did-you-mean';
import { predicateOf, schemaChecks } from './schema-check';
import type { IdMatcher } from './requirement-check';
import { samePerson } from './independence';
import type { Finding, Span } from './types';
import { AliasBudget, keyText, nodeAtPath, pairOf, readTextFields, scalarText, textValue, toValue, UNREADABLE, valueKind } from './yaml-values';
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
  /** A non-empty reason and an approver other than the owner: the roadmap gate is waived. */
  complete: boolean;
  /** Approved by the requirement's own owner: nobody approves their own exception. */
  selfApproved: boolean;
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
  /** How the evidence list is written, so a quick fix can append to it in the same style. */
  evidenceList?: { span: Span; form: 'block' | 'flow' | 'empty' | 'other' };
  evidence: Evidence[];
  /** The `waiver` key, if present, whatever its value. */
  waiverKeySpan?: Span;
  waiver?: Waiver;
}

export interface RequirementFile {
  area?: string;
  /** The `requirements` key, if present (a new requirement is appended under it). */
  requirementsKeySpan?: Span;
  requirements: Requirement[];
  findings: Finding[];
  /** The items of the `requirements` list one by one, each with its own findings. */
  items: ItemRead[];
  /** The `requirements` list itself, when it is one. */
  list?: { span: Span; flow: boolean };
}

/** One item of the `requirements` list, read on its own: a requirement, unless it is not a block. */
export interface ItemRead {
  span: Span;
  requirement?: Requirement;
  /** The item's schema findings. */
  findings: Finding[];
}

const validRequirement = predicateOf(requirementSchema);
const validEvidence = Object.fromEntries(EVIDENCE_KIND_NAMES.map((k) => [k, predicateOf(evidenceItemSchemas[k])])) as Record<EvidenceKind, (v: unknown) => boolean>;

/** `to.push(...items)` without putting every item on the stack: a list can hold 100,000 findings. */
function pushAll<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}

export function accountKey(account: string): string {
  return account.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function buildModel(text: string, parsed: ParsedYaml, idPattern: IdMatcher): RequirementFile {
  const findings: Finding[] = [];
  const file: RequirementFile = { requirements: [], findings, items: [] };
  const root = parsed.doc?.contents as YamlNode | null | undefined;
  const budget = new AliasBudget(parsed.anchors, 1000 + text.length, parsed.mergeKeys.length ? new Set(parsed.mergeKeys) : undefined);
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
  const rootKeys = keysOf(root);
  const claimed = new Map<string, string>();
  for (const pair of root.items as Pair<YamlNode, YamlNode>[]) {
    const key = keyText(pair);
    const keySpan = spanOf(pair.key as YamlNode) ?? { start: 0, end: 0 };
    if (key === undefined) {
      findings.push({ code: 'schema', message: 'Keys are plain words, not lists or blocks.', span: keySpan });
    } else if (budget.mergeKeys.has(pair.key)) {
      // Reported with every other merge key, below.
    } else if (!FILE_KEYS.includes(key)) {
      findings.push(unknownKey(key, keySpan, FILE_KEYS, 'a requirement file', rootKeys, claimed));
    }
  }
  const areaPair = pairOf(root, 'area');
  if (areaPair) {
    const area = textValue(toValue(areaPair.value, budget), areaPair.value, budget);
    if (typeof area === 'string' && area) file.area = area;
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
      file.list = { span: spanOf(list) ?? { start: 0, end: 0 }, flow: !!list.flow };
      list.items.forEach((item, index) => {
        const read = readItem(text, item as YamlNode, index, budget, idPattern);
        file.items.push(read);
        pushAll(findings, read.findings);
        if (read.requirement) file.requirements.push(read.requirement);
      });
    } else if (list && !(isScalar(list) && list.value === null)) {
      findings.push({
        code: 'schema',
        message: "'requirements' is a list: each requirement starts with '- id: …' on its own line.",
        span: valueSpan(reqPair),
      });
    }
  }
  for (const key of parsed.mergeKeys) findings.push(mergeKeyFinding(key));
  pushAll(findings, budget.findings());
  return file;
}

/**
 * `<<` is one finding on the key, and nothing else is inferred from it: the block is read without
 * it (no unknown key), and keys it would have brought are not reported missing.
 */
function mergeKeyFinding(key: YamlNode): Finding {
  return {
    code: 'schema',
    message: 'YAML merge keys (<<) are not supported in requirement files: write the keys out here.',
    span: spanOf(key) ?? { start: 0, end: 0 },
  };
}

/** One item of the `requirements` list: its requirement and its own schema findings. */
export function readItem(text: string, itemNode: YamlNode, index: number, budget: AliasBudget, idPattern: IdMatcher): ItemRead {
  const findings: Finding[] = [];
  const requirement = readRequirement(text, itemNode, index, budget, idPattern, findings);
  return { span: spanOf(itemNode) ?? { start: 0, end: 0 }, requirement, findings };
}

function readRequirement(
  text: string,
  itemNode: YamlNode,
  index: number,
  budget: AliasBudget,
  idPattern: IdMatcher,
  findings: Finding[],
): Requirement | undefined {
  const span = spanOf(itemNode);
  if (!span) return undefined;
  const node = budget.resolve(itemNode) ?? itemNode;
  // `- *req`: every place in this requirement is the alias, where this occurrence is written.
  const via = isAlias(itemNode) ? span : undefined;
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
  // Text as written and trimmed, before validation: ' roadmap ' is the status roadmap, 4711 the deal 4711.
  readTextFields(v, node, REQUIREMENT_TEXT, budget);
  if (isBlock(v.waiver)) readTextFields(v.waiver, pairOf(node, 'waiver')?.value, WAIVER_TEXT, budget);
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
      pushAll(localFindings, [issueFinding(text, itemNode, [...prefix, ...issue.path], issue, budget, what, keysAt)].flat());
    }
  };
  // zod words the problems; the predicate compiled from the same schema says whether there are any.
  if (schemaChecks.zodOnly || !validRequirement(v)) {
    const result = requirementSchema.safeParse(v, { reportInput: true });
    if (!result.success) {
      report(result.error.issues, [], subject, (path) => (path.length === 0 ? REQUIREMENT_KEYS : path[0] === 'waiver' ? WAIVER_KEYS : []));
    }
  }

  // Fields, each taken only when well-typed.
  const at = (key: string) => pairOf(node, key);
  if (idValue) {
    req.id = idValue;
    req.idSpan = placed(via, valueSpan(at('id')!));
    if (!idPattern.test(idValue)) localFindings.push(badId(idValue, req.idSpan, idPattern));
  }
  if (typeof v.title === 'string' && v.title.trim()) req.title = v.title.trim();
  if (typeof v.status === 'string' && (STATUSES as readonly string[]).includes(v.status)) {
    req.status = v.status as Status;
    req.statusSpan = placed(via, valueSpan(at('status')!));
  }
  if (typeof v.owner === 'string' && v.owner.trim()) req.owner = v.owner.trim();
  if (typeof v.problem === 'string' && v.problem.trim()) req.problem = v.problem.trim();
  if (Array.isArray(v.segments)) req.segments = v.segments.filter((s): s is string => typeof s === 'string' && !!s.trim());
  const depPair = at('depends-on');
  const depNode = depPair && budget.resolve(depPair.value as YamlNode);
  if (depNode && isSeq(depNode)) {
    const depVia = via ?? aliasSpan(depPair.value);
    depNode.items.forEach((item, i) => {
      const ref = (v['depends-on'] as unknown[])[i];
      const s = spanOf(item as YamlNode);
      if (typeof ref === 'string' && ref.trim() && s) req.dependsOn.push({ id: ref.trim(), span: depVia ? { ...depVia } : s });
    });
  }
  const evPair = at('evidence');
  if (evPair) {
    req.evidenceKeySpan = spanOf(evPair.key as YamlNode) && placed(via, spanOf(evPair.key as YamlNode)!);
    const evNode = budget.resolve(evPair.value as YamlNode);
    // Through an alias the list is written elsewhere: nothing can be appended to it here.
    req.evidenceList = { span: placed(via, valueSpan(evPair)), form: via ? 'other' : listForm(evPair.value as YamlNode | null) };
    if (evNode && isSeq(evNode) && Array.isArray(v.evidence)) {
      const evVia = via ?? aliasSpan(evPair.value);
      evNode.items.forEach((item, i) => {
        const ev = readEvidence(text, itemNode, item as YamlNode, i, (v.evidence as unknown[])[i], budget, idValue, localFindings, evVia);
        if (ev) req.evidence.push(ev);
      });
    }
  }
  const waiverPair = at('waiver');
  if (waiverPair) req.waiverKeySpan = spanOf(waiverPair.key as YamlNode) && placed(via, spanOf(waiverPair.key as YamlNode)!);
  if (waiverPair && v.waiver && typeof v.waiver === 'object' && !Array.isArray(v.waiver)) {
    const w = v.waiver as Record<string, unknown>;
    const text = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
    const reason = text(w.reason);
    const approvedBy = text(w['approved-by']);
    req.waiver = {
      reason,
      approvedBy,
      date: text(w.date),
      complete: !!reason && !!approvedBy && !samePerson(approvedBy, req.owner),
      selfApproved: samePerson(approvedBy, req.owner),
      span: placed(via, { start: spanOf(waiverPair.key as YamlNode)!.start, end: valueSpan(waiverPair).end }),
    };
  }
  for (const f of localFindings) f.requirement ??= req.id;
  pushAll(findings, localFindings);
  return req;
}

/** A place read through an alias (`via`) is the alias: a copy each time, as every place is moved on its own. */
function placed(via: Span | undefined, span: Span): Span {
  return via ? { start: via.start, end: via.end } : span;
}

/** The span of a value written as an alias (`*list`), where that occurrence is. */
function aliasSpan(node: unknown): Span | undefined {
  return isAlias(node) ? spanOf(node) : undefined;
}

function listForm(node: YamlNode | null): 'block' | 'flow' | 'empty' | 'other' {
  if (!node || (isScalar(node) && node.value === null)) return 'empty';
  if (isSeq(node)) return node.flow ? 'flow' : 'block';
  return 'other';
}

function readEvidence(
  text: string,
  reqNode: YamlNode,
  itemNode: YamlNode,
  index: number,
  value: unknown,
  budget: AliasBudget,
  requirementId: string | undefined,
  findings: Finding[],
  /** The alias this item is read through (the requirement's, the list's), if any. */
  via?: Span,
): Evidence | undefined {
  const written = spanOf(itemNode);
  if (!written) return undefined;
  const path = ['evidence', index];
  const node = budget.resolve(itemNode) ?? itemNode;
  // `- *ev`: the item's own span is the alias already, and so is every place inside it.
  const at = via ?? (isAlias(itemNode) ? written : undefined);
  const span = placed(at, written);
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
  if (kindPair) v.kind = textValue(v.kind, kindPair.value, budget);
  let unreadableKind = false;
  if (!kindPair) {
    if (!budget.merges(node)) findings.push({
      code: 'schema',
      message: `This evidence${requirementId ? ` of ${requirementId}` : ''} is missing 'kind': say what it is (${EVIDENCE_KIND_NAMES.slice(0, 5).join(', ')}, …).`,
      span: firstLine(text, span),
      data: { missingKey: 'kind' },
    });
  } else if (v.kind === UNREADABLE) {
    // An unknown alias or an alias bomb: its own yaml-syntax finding says what to fix. Without a
    // kind the item counts for nothing.
    unreadableKind = true;
  } else if (isEmptyValue(v.kind)) {
    findings.push({
      code: 'schema',
      message: `'kind' is empty.${hintFor('kind')}`,
      span: placed(at, emptySpan(text, kindPair.value as YamlNode, kindPair)),
    });
  } else if (!isEvidenceKind(v.kind)) {
    const said = typeof v.kind === 'string' ? v.kind : '';
    const suggestion = said ? closest(said, EVIDENCE_KIND_NAMES) : undefined;
    const written = scalarText(v.kind);
    findings.push({
      code: 'schema',
      message:
        (written === undefined ? `'kind' is one word, not ${valueKind(v.kind)}.` : `'${written}' is not an evidence kind.`) +
        (suggestion ? ` Did you mean '${suggestion}'?` : '') +
        ` Kinds: ${EVIDENCE_KIND_NAMES.join(', ')}.`,
      span: placed(at, valueSpan(kindPair)),
      data: suggestion && !at ? { replacement: suggestion } : undefined,
    });
  } else {
    const kind = v.kind;
    ev.kind = kind;
    ev.class = EVIDENCE_KINDS[kind].class;
    readTextFields(v, node, EVIDENCE_TEXT[kind], budget);
    const result = !schemaChecks.zodOnly && validEvidence[kind](v) ? undefined : evidenceItemSchemas[kind].safeParse(v, { reportInput: true });
    if (result && !result.success) {
      const keys = evidenceKeys(kind).map((k) => k.key);
      for (const issue of result.error.issues) {
        const subject = `This ${kind} evidence${requirementId ? ` of ${requirementId}` : ''}`;
        const f = issueFinding(text, reqNode, [...path, ...issue.path], issue, budget, subject, (p) =>
          p.length === 0 ? keys : [],
        );
        pushAll(findings, [f].flat());
      }
    }
  }
  // An item with a merge key has a finding of its own (on the `<<`), so it is not complete either.
  ev.complete = findings.length === before && !unreadableKind && !budget.merges(node);
  const str = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
  ev.account = str(v.account);
  if (ev.account) ev.accountKey = accountKey(ev.account);
  ev.deal = str(v.deal);
  if (ev.deal) ev.dealSpan = placed(at, valueSpan(pairOf(node, 'deal')!));
  if (typeof v.amount === 'number' && Number.isFinite(v.amount) && v.amount >= 0) ev.amount = v.amount;
  ev.currency = str(v.currency);
  ev.stage = str(v.stage);
  const date = str(v.date);
  // Only a real calendar date: the date rules compute with it (2026-13-01 would give NaN days).
  if (date && isCalendarDate(date)) {
    ev.date = date;
    ev.dateSpan = placed(at, valueSpan(pairOf(node, 'date')!));
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

/** `root`: the requirement's item as written (maybe an alias), so a finding can be placed on an alias. */
function issueFinding(
  text: string,
  root: YamlNode,
  path: PropertyKey[],
  issue: z.core.$ZodIssue,
  budget: AliasBudget,
  subject: string,
  keysAt: (path: PropertyKey[]) => string[],
): Finding | Finding[] {
  const place = nodeAtPath(root, path, budget);
  const found = issueFindingAt(text, root, path, issue, budget, subject, keysAt, place);
  return place.alias ? onAlias([found].flat(), place.alias) : found;
}

/**
 * Findings about what an alias stands for go on the alias, where this occurrence is written. No
 * fix is offered there: it would have to edit the anchor, and so every other use of it.
 */
function onAlias(findings: Finding[], alias: YamlNode): Finding[] {
  const at = spanOf(alias) ?? { start: 0, end: 0 };
  for (const f of findings) {
    f.span = { start: at.start, end: at.end };
    if (f.data) {
      const { replacement: _r, replaceSpan: _s, blockEnd: _e, ...rest } = f.data;
      f.data = Object.keys(rest).length ? rest : undefined;
    }
  }
  return findings;
}

function issueFindingAt(
  text: string,
  root: YamlNode,
  path: PropertyKey[],
  issue: z.core.$ZodIssue,
  budget: AliasBudget,
  subject: string,
  keysAt: (path: PropertyKey[]) => string[],
  place: ReturnType<typeof nodeAtPath>,
): Finding | Finding[] {
  // A value behind an unknown alias or an alias bomb has its own yaml-syntax finding already.
  if (issue.input === UNREADABLE || (issue.code === 'invalid_type' && hasUnreadable(issue.input))) return [];
  const field = [...path].reverse().find((p) => typeof p === 'string') as string | undefined;
  const last = path[path.length - 1];
  // "'segments'" for the list itself, "Entry 3 of 'segments'" for one of its entries.
  const what = typeof last === 'number' ? `Entry ${last + 1} of '${field}'` : `'${field}'`;
  const span = nodeSpan(place.node, place.pair);
  const missing = issue.code !== 'unrecognized_keys' && (place.missing || (issue.input === undefined && !place.pair));
  if (missing) {
    const parent = nodeAtPath(root, path.slice(0, -1), budget).node;
    // A merge key (`<<`) may have been meant to bring it: its own finding says what to do.
    if (budget.merges(parent)) return [];
    return {
      code: 'schema',
      message: `${owner(path, subject)} is missing '${field}'.${hintFor(field)}`,
      span: firstLine(text, spanOf(parent) ?? { start: 0, end: 0 }),
      // Where the block ends: "Add missing key" appends the key there, after any multi-line value.
      // Only a block mapping has lines to add one to: after `{title: x}` a key line is broken YAML.
      data: {
        missingKey: field,
        path: path.map(String),
        ...(isMap(parent) && !parent.flow ? { blockEnd: spanOf(parent)?.end } : {}),
      },
    };
  }
  // An empty value is said to be empty, whatever the field expects ('status' is empty, never
  // "'null' is not allowed").
  if (issue.code !== 'unrecognized_keys' && isEmptyValue(issue.input) && (place.pair || typeof last === 'number')) {
    return {
      code: 'schema',
      message: `${what} is empty.${typeof last === 'number' ? '' : hintFor(field)}`,
      span: emptySpan(text, place.node, place.pair),
    };
  }
  if (field === 'date' && typeof last !== 'number' && issue.code !== 'unrecognized_keys') {
    return { code: 'schema', message: dateProblem(issue.input), span };
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = keysAt(issue.path as PropertyKey[]);
      const map = budget.resolve(place.node) ?? place.node;
      const out: Finding[] = [];
      const claimed = new Map<string, string>();
      for (const key of issue.keys) {
        const pair = pairOf(map, key);
        const keySpan = (pair && spanOf(pair.key as YamlNode)) ?? firstLine(text, spanOf(map)!);
        out.push(unknownKey(key, keySpan, allowed, describe(path, subject), keysOf(map), claimed));
      }
      return out;
    }
    case 'invalid_type': {
      if (issue.input === null && place.pair) {
        return { code: 'schema', message: `${what} is empty.${hintFor(field)}`, span: spanOf(place.pair.key as YamlNode)! };
      }
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      const said = shown(issue.input);
      return {
        code: 'schema',
        message: `${what} should be ${expected}${said ? `, not ${said}` : ''}.${typeof last === 'number' ? '' : hintFor(field)}`,
        span,
      };
    }
    case 'too_small': {
      if (issue.origin === 'string') return { code: 'schema', message: `${what} is empty.${hintFor(field)}`, span };
      if (issue.origin === 'array') {
        return { code: 'schema', message: `${what} needs at least ${issue.minimum} entr${issue.minimum === 1 ? 'y' : 'ies'}.`, span };
      }
      const said = typeof issue.input === 'number' ? ` (it says ${issue.input})` : '';
      return {
        code: 'schema',
        message:
          issue.minimum === 0 ? `${what} cannot be negative${said}.` : `${what} must be at least ${issue.minimum}${said}.${hintFor(field)}`,
        span,
      };
    }
    case 'too_big':
      return { code: 'schema', message: `${what} is too large.`, span };
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const said = scalarText(issue.input);
      const suggestion = typeof issue.input === 'string' ? closest(issue.input, allowed) : undefined;
      return {
        code: 'schema',
        message:
          (said === undefined ? `'${field}' is one word, not ${valueKind(issue.input)}.` : `'${said}' is not allowed for '${field}'.`) +
          (suggestion ? ` Did you mean '${suggestion}'?` : '') +
          ` Use one of: ${allowed.join(', ')}.`,
        span,
        data: suggestion ? { replacement: suggestion } : undefined,
      };
    }
    case 'invalid_format':
    case 'custom': {
      if (field === 'link' && typeof issue.input === 'string') {
        return {
          code: 'schema',
          message: `'${issue.input.trim()}' is not a web address: 'link' takes a full http(s) address, e.g. https://example.com/….`,
          span,
        };
      }
      const wanted = issue.message && !issue.message.startsWith('Invalid') ? issue.message : 'a valid value';
      return { code: 'schema', message: `${what} should be ${wanted}.${hintFor(field)}`, span };
    }
    default:
      return { code: 'schema', message: `${field ? what : 'This value'} is not valid here.`, span };
  }
}

/** Who lacks a key: the requirement itself, or its waiver (evidence items bring their own subject). */
function owner(path: PropertyKey[], subject: string): string {
  if (path[0] !== 'waiver') return subject;
  return subject === 'This requirement' ? 'This waiver' : `The waiver of ${subject}`;
}

/** A block of keys as `toValue` reads it (an object without a prototype, not a list or a date). */
function isBlock(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === null;
}

function hasUnreadable(value: unknown): boolean {
  if (value === UNREADABLE) return true;
  if (Array.isArray(value)) return value.some(hasUnreadable);
  if (value && typeof value === 'object') return Object.values(value).some(hasUnreadable);
  return false;
}

/** A short quote of a scalar the person wrote, for "should be a number, not 'lots'". */
function shown(value: unknown): string {
  if (typeof value === 'string') return value.length <= 40 ? `'${value}'` : '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) return 'a block of keys';
  return '';
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** What is wrong with a date, said with the facts: which month, how many days it has. */
export function dateProblem(input: unknown): string {
  if (typeof input !== 'string') return `'date' should be a date written YYYY-MM-DD, e.g. 2026-09-12${shown(input) ? `, not ${shown(input)}` : ''}.`;
  const said = input.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(said);
  if (m) {
    const [year, month] = [Number(m[1]), Number(m[2])];
    if (month < 1 || month > 12) return `'${said}' is not a calendar date: there is no month ${m[2]}. Write the date as YYYY-MM-DD.`;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `'${said}' is not a calendar date: ${MONTHS[month - 1]} ${year} has ${days} days.`;
  }
  const ymd = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(said);
  const dmy = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(said);
  const [y, mo, d] = ymd ? [ymd[1], ymd[2], ymd[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  const suggestion = y ? `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}` : undefined;
  return `'${said}' is not a date written YYYY-MM-DD${suggestion ? `: write ${suggestion}` : ', e.g. 2026-09-12'}.`;
}

/** An id that does not match the workspace's pattern; an upper-case slip gets a suggestion. */
function badId(id: string, span: Span, idPattern: IdMatcher): Finding {
  const upper = id.toUpperCase();
  const suggestion = upper !== id && idPattern.test(upper) ? upper : undefined;
  const form =
    idPattern.pattern === DEFAULT_ID_PATTERN
      ? 'Ids are capital letters or digits, a dash and a number, e.g. CHK-101.'
      : `Ids in this workspace match ${idPattern.pattern} (id-pattern in inbound.config.yaml).`;
  return {
    code: 'schema',
    message: `'${id}' is not a requirement id.${suggestion ? ` Did you mean '${suggestion}'?` : ''} ${form}`,
    span,
    requirement: id,
    data: suggestion ? { replacement: suggestion } : undefined,
  };
}

/**
 * `present`: the keys already in the block. A misspelt key next to the right one is a leftover:
 * renaming it would make a duplicate key, which breaks the whole file (and "fix all" applies
 * suggestions without asking), so the message says to remove one and no replacement is offered.
 */
function unknownKey(
  key: string,
  span: Span,
  allowed: string[],
  where: string,
  present: ReadonlySet<string>,
  /** Suggestions already given in this block, by the key they were given to. */
  claimed: Map<string, string>,
): Finding {
  const suggestion = closest(key, allowed);
  if (suggestion && present.has(suggestion)) {
    return {
      code: 'schema',
      message: `Unknown key '${key}' in ${where}: it looks like '${suggestion}', which is already set here. Remove one of the two.`,
      span,
    };
  }
  // Two misspellings of one key: only the first is offered the rename, or "fix all" would rename
  // both into a duplicate key.
  const first = suggestion && claimed.get(suggestion);
  if (first) {
    return {
      code: 'schema',
      message: `Unknown key '${key}' in ${where}: it looks like '${suggestion}', as does '${first}' above it. Keep one of the two.`,
      span,
    };
  }
  if (suggestion) claimed.set(suggestion, key);
  return {
    code: 'schema',
    message:
      `Unknown key '${key}' in ${where}.` +
      (suggestion ? ` Did you mean '${suggestion}'?` : allowed.length ? ` Known keys: ${allowed.join(', ')}.` : ''),
    span,
    data: suggestion ? { replacement: suggestion } : undefined,
  };
}

function keysOf(map: unknown): Set<string> {
  const keys = new Set<string>();
  if (isMap(map)) for (const pair of map.items) {
    const k = keyText(pair);
    if (k !== undefined) keys.add(k);
  }
  return keys;
}

function describe(path: PropertyKey[], subject: string): string {
  if (path[0] === 'waiver') return 'a waiver';
  if (path[0] === 'evidence') return subject.replace(/^This /, 'this ');
  return subject === 'This requirement' ? 'a requirement' : subject;
}

const HINTS: Record<string, string> = {
  id: ' Give it an id, unique across the workspace.',
  title: ' Say in a few words what it is.',
  status: ` Use one of: ${STATUSES.join(', ')}.`,
  date: ' Write the date as YYYY-MM-DD.',
  account: ' Name the customer or prospect.',
  deal: ' Name the deal, e.g. its CRM opportunity id.',
  reason: ' Say why the roadmap gate is waived.',
  'approved-by': ' Name who approved the waiver.',
  link: ' Use a full http(s) address.',
  kind: ` Say what it is: ${EVIDENCE_KIND_NAMES.join(', ')}.`,
  stage: ` Use one of: ${EVIDENCE_KINDS['sales-deal'].fields.stage.unwrap().options.join(', ')}.`,
  outcome: ` Use one of: ${EVIDENCE_KINDS['win-loss'].fields.outcome.unwrap().options.join(', ')}.`,
  count: ' Say how many tickets, e.g. count: 14.',
  respondents: ' Say how many people answered, e.g. respondents: 240.',
  participants: ' Say how many people took part, e.g. participants: 5.',
  metric: ' Name the metric, e.g. metric: checkout drop-off.',
  source: ' Name the study, report or forum.',
  competitor: ' Name the competitor.',
  segments: ' Write a list, e.g. segments: [mid-market, dach].',
  'depends-on': ' Write a list of requirement ids, e.g. depends-on: [CHK-100].',
  evidence: " Write a list: each item starts with '- kind:' on its own line.",
};

function hintFor(field: string | undefined): string {
  return (field && HINTS[field]) || '';
}

/** Nothing written (`key:`, `key: ~`, `key: null`) or only spaces (`key: ""`): the value is empty. */
function isEmptyValue(value: unknown): boolean {
  return value === null || value === '';
}

/**
 * Where an empty value is shown: a value written as nothing or as ~ / null, on its key (as a
 * missing key would be); "" on the quotes; an empty list entry (a lone '-') on its dash.
 */
function emptySpan(text: string, node: YamlNode | null | undefined, pair: Pair<YamlNode, YamlNode> | undefined): Span {
  const scalar = node && isScalar(node) ? node : undefined;
  if (pair && (!scalar || scalar.value === null)) return spanOf(pair.key as YamlNode) ?? nodeSpan(node!, pair);
  const s = spanOf(node);
  if (s && s.end > s.start) return s;
  let dash = (s?.start ?? 0) - 1;
  while (dash >= 0 && (text[dash] === ' ' || text[dash] === '\t')) dash--;
  if (s && text[dash] === '-') return { start: dash, end: dash + 1 };
  return s ?? { start: 0, end: 0 };
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
