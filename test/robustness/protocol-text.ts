/**
 * Text for the protocol fuzzer (protocol-fuzz.test.ts): LSP positions computed independently of the
 * server's document model (UTF-16 columns, \n, \r\n and lone \r as line breaks), the edits a person
 * makes in a requirement file (typing, deleting lines, pasting a requirement, changing an id or a
 * `depends-on`, breaking and mending the YAML), and the texts that land on disk.
 */
import fc from 'fast-check';
import { applyMutation, CONFIG_SEEDS, mutation, REQUIREMENT_SEEDS } from './arbitraries';
import type { Mutation } from './arbitraries';

// ----- positions -----------------------------------------------------------------------------

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
/** One entry of `contentChanges`: a ranged edit, or the whole text. */
export type Change = { range: Range; text: string } | { text: string };

/** Offsets where lines start: after \r\n, \n, or a lone \r (as the LSP counts lines). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

export function positionAt(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

/**
 * An offset an editor can put the cursor at: never inside a surrogate pair (an astral character is
 * two UTF-16 units) nor between the \r and \n of one line break.
 */
export function cursor(text: string, offset: number): number {
  let at = Math.max(0, Math.min(offset, text.length));
  if (at > 0 && at < text.length) {
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at);
    if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) at--;
    else if (before === 13 && after === 10) at--;
  }
  return at;
}

/** An edit of `text` by offsets, as an LSP change and the text after it. */
export interface Splice {
  start: number;
  end: number;
  insert: string;
}

export function toChange(text: string, s: Splice): { change: Change; after: string } {
  const starts = lineStarts(text);
  return {
    change: { range: { start: positionAt(starts, s.start), end: positionAt(starts, s.end) }, text: s.insert },
    after: text.slice(0, s.start) + s.insert + text.slice(s.end),
  };
}

/** The smallest single edit that turns `from` into `to` (common prefix and suffix kept). */
export function diffSplice(from: string, to: string): Splice {
  const max = Math.min(from.length, to.length);
  let prefix = 0;
  while (prefix < max && from.charCodeAt(prefix) === to.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && from.charCodeAt(from.length - 1 - suffix) === to.charCodeAt(to.length - 1 - suffix)) suffix++;
  // Whole characters and whole line breaks at both ends: the start moves left, the end right.
  const start = cursor(from, prefix);
  let end = from.length - suffix;
  if (cursor(from, end) !== end) end++;
  return { start, end, insert: to.slice(start, to.length - (from.length - end)) };
}

/** What an editor shows for a file's bytes: no byte order mark, anywhere (it would not round-trip through a file). */
export function editorText(text: string): string {
  return text.replace(/\ufeff/g, '');
}

/** Text as it round-trips through a UTF-8 file (a lone surrogate becomes U+FFFD). */
export function throughUtf8(text: string): string {
  return new TextDecoder('utf-8').decode(Buffer.from(text, 'utf8'));
}

// ----- the vocabulary of requirement files -----------------------------------------------------

/** Ids of the examples and the fixtures, a lowercase one (bad pattern) and one with a letter O for a zero. */
export const IDS = ['CHK-100', 'CHK-101', 'CHK-102', 'CHK-103', 'PLT-7', 'PLT-9', 'ONB-20', 'RPT-3', 'A-1', 'A-2', 'B-1', 'REQ-001', 'chk-1', 'CHK-1O'];
/** Accounts in several scripts: astral characters before a value move its UTF-16 column by two. */
export const ACCOUNTS = ['Acme GmbH', 'Globex AG', 'Initech', 'acme  gmbh', 'Ünïcödé Ltd', '株式会社テスト', '𝔘𝔫𝔦 Corp 😀'];
const TITLES = ['Pay by bank transfer', 'Dark mode 🌙', 'Rechnungen über 10k €', '𝔖𝔞𝔳𝔢𝔡 carts', '"Quoted: title"', "It's 'single'", 'Export · CSV'];
export const STATUSES = ['idea', 'proposed', 'validated', 'roadmap', 'roadmap', 'in-progress', 'shipped', 'rejected', 'roadmp', '', '"roadmap"'];
const KINDS = ['sales-deal', 'sales-deal', 'rfp', 'interview', 'support-tickets', 'metric', 'interveiw'];
const DATES = ['2026-09-12', '2020-01-01', '2027-05-01', '2026-02-30', '2026-11-23'];

export const evidenceSpec = fc.record({
  kind: fc.constantFrom(...KINDS),
  account: fc.constantFrom(...ACCOUNTS),
  deal: fc.constantFrom('OPP-1', 'OPP-2', '😀-3'),
  date: fc.constantFrom(...DATES),
  flow: fc.boolean(),
});
export type EvidenceSpec = typeof evidenceSpec extends fc.Arbitrary<infer T> ? T : never;

export const requirementSpec = fc.record({
  id: fc.option(fc.constantFrom(...IDS), { nil: undefined, freq: 10 }),
  title: fc.constantFrom(...TITLES),
  status: fc.constantFrom(...STATUSES),
  evidence: fc.array(evidenceSpec, { maxLength: 3 }),
  dependsOn: fc.option(fc.array(fc.constantFrom(...IDS, 'CHK-999', '😀-1'), { maxLength: 3 }), { nil: undefined }),
  waiver: fc.constantFrom(undefined, undefined, undefined, 'complete', 'self'),
  owner: fc.boolean(),
});
export type RequirementSpec = typeof requirementSpec extends fc.Arbitrary<infer T> ? T : never;

function evidenceFields(e: EvidenceSpec): string[] {
  const fields = [`kind: ${e.kind}`];
  if (e.kind === 'support-tickets') fields.push('count: 12');
  else if (e.kind === 'metric') fields.push('metric: weekly exports');
  else fields.push(`account: ${e.account}`);
  if (e.kind === 'sales-deal') fields.push(`deal: ${e.deal}`);
  fields.push(`date: ${e.date}`);
  return fields;
}

/** A requirement as lines, its dash at column `dash`. */
export function renderRequirement(r: RequirementSpec, dash: number): string[] {
  const pad = ' '.repeat(dash + 2);
  const lines: string[] = [];
  const keys: string[] = [];
  if (r.id !== undefined) keys.push(`id: ${r.id}`);
  keys.push(`title: ${r.title}`);
  keys.push(`status: ${r.status}`);
  if (r.owner) keys.push('owner: dana@example.com');
  if (r.dependsOn) keys.push(`depends-on: [${r.dependsOn.join(', ')}]`);
  lines.push(`${' '.repeat(dash)}- ${keys[0]}`, ...keys.slice(1).map((k) => pad + k));
  if (r.evidence.length) {
    lines.push(`${pad}evidence:`);
    for (const e of r.evidence) {
      const fields = evidenceFields(e);
      if (e.flow) lines.push(`${pad}  - {${fields.join(', ')}}`);
      else lines.push(`${pad}  - ${fields[0]}`, ...fields.slice(1).map((f) => `${pad}    ${f}`));
    }
  }
  if (r.waiver) {
    lines.push(
      `${pad}waiver:`,
      `${pad}  reason: Regulatory deadline`,
      `${pad}  approved-by: ${r.waiver === 'self' && r.owner ? 'dana@example.com' : 'vp@example.com'}`,
    );
  }
  return lines;
}

/** A line of its own, the kind that is typed or pasted: valid ones, misplaced ones, broken ones. */
export const LINES = [
  '    status: roadmap',
  '    status: idea',
  '    depends-on: [CHK-100, CHK-999]',
  '    depends-on: [😀-1, CHK-101]',
  '    title: "unclosed',
  "  - id: 'A-1",
  '\tstatus: idea',
  '    evidence: []',
  '    evidence:',
  '      - kind: interview',
  '        account: 𝔘𝔫𝔦 Corp',
  '        date: 2020-01-01',
  '      - {kind: sales-deal, account: 株式会社テスト, deal: OPP-1, date: 2020-01-01}',
  '# inbound-ignore single-deal -- decided with sales',
  '    # inbound-ignore stale-evidence -- kept for the record',
  'requirements:',
  'requirements: []',
  'area: Checkout',
  '  - {id: A-9, title: 𝔉𝔩𝔬𝔴, status: roadmap}',
  '  - id: CHK-101',
  '     title: one space too far',
  '  title: one step too shallow',
  '    waiver: {reason: Deadline, approved-by: vp@example.com}',
  '    <<: *base',
  '    __proto__: x',
  '',
];

/** What is typed: letters, YAML's own characters, line breaks, and characters beyond ASCII and the BMP. */
export const TYPED = [
  'a',
  'x',
  'Z',
  '1',
  '-',
  ' ',
  ' ',
  ':',
  ': ',
  '"',
  "'",
  '#',
  '[',
  ']',
  '{',
  ',',
  '\n',
  '\n    ',
  '\t',
  'é',
  'ß',
  '中',
  '😀',
  '𝔘',
  '€',
  '\u2028',
  'CHK-',
  '\r\n',
];

// ----- edits -----------------------------------------------------------------------------------

/** One change, chosen before the text is known: numbers pick places modulo the text's size. */
export type EditSpec =
  | { kind: 'type'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace-line'; line: number; text: string }
  | { kind: 'delete-lines'; line: number; count: number }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'indent'; line: number; by: number }
  | { kind: 'paste-requirement'; line: number; dash: number; requirement: RequirementSpec }
  | { kind: 'set-id'; which: number; id: string }
  | { kind: 'set-depends'; which: number; ids: string[] }
  | { kind: 'set-status'; which: number; status: string }
  | { kind: 'unclosed-quote'; line: number }
  | { kind: 'line-break'; line: number; eol: '\n' | '\r\n' }
  | { kind: 'undo'; back: number }
  | { kind: 'whole'; seed: number; mutations: Mutation[] };

export const editSpec: fc.Arbitrary<EditSpec> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('type' as const), at: fc.nat(), text: fc.constantFrom(...TYPED) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace-line' as const), line: fc.nat(), text: fc.constantFrom(...LINES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete-lines' as const), line: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('paste-requirement' as const),
      line: fc.nat(),
      dash: fc.constantFrom(2, 2, 2, 0, 4),
      requirement: requirementSpec,
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set-id' as const), which: fc.nat(), id: fc.constantFrom(...IDS, '', 'CHK-1😀') }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('set-depends' as const), which: fc.nat(), ids: fc.array(fc.constantFrom(...IDS, 'CHK-999'), { maxLength: 3 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('set-status' as const), which: fc.nat(), status: fc.constantFrom(...STATUSES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unclosed-quote' as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('line-break' as const), line: fc.nat(), eol: fc.constantFrom('\n' as const, '\r\n' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('undo' as const), back: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), seed: fc.nat(), mutations: fc.array(mutation, { maxLength: 2 }) }) },
);

/** The line break the text uses (its first), for what is pasted into it. */
export function eolOf(text: string): string {
  const m = /\r\n|\n|\r/.exec(text);
  return m ? m[0] : '\n';
}

function lineSpan(text: string, starts: number[], line: number): { start: number; end: number; content: number } {
  const i = line % starts.length;
  const start = starts[i];
  const end = i + 1 < starts.length ? starts[i + 1] : text.length;
  let content = end;
  while (content > start && (text[content - 1] === '\n' || text[content - 1] === '\r')) content--;
  return { start, end, content };
}

/** The value after `key:` on the lines that hold one, as offsets. */
function valuesOf(text: string, key: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = new RegExp(`(^|[\\s{,-])${key}:[ \\t]*`, 'g');
  for (let m; (m = re.exec(text));) {
    const start = m.index + m[0].length;
    let end = start;
    while (end < text.length && !/[\r\n#,}]/.test(text[end])) end++;
    while (end > start && /[ \t]/.test(text[end - 1])) end--;
    out.push({ start, end });
  }
  return out;
}

/**
 * The change a spec makes to `text`, as a splice; `history` holds the document's earlier texts (for
 * undo), oldest first. Undefined when the spec finds nothing to do (no id to change).
 */
export function splice(text: string, spec: EditSpec, history: readonly string[]): Splice | { whole: string } | undefined {
  const starts = lineStarts(text);
  const eol = eolOf(text);
  switch (spec.kind) {
    case 'type': {
      const at = cursor(text, spec.at % (text.length + 1));
      return { start: at, end: at, insert: spec.text };
    }
    case 'delete': {
      const start = cursor(text, spec.at % (text.length + 1));
      const end = cursor(text, Math.min(text.length, start + spec.length));
      return end > start ? { start, end, insert: '' } : undefined;
    }
    case 'replace-line': {
      const l = lineSpan(text, starts, spec.line);
      return { start: l.start, end: l.content, insert: spec.text };
    }
    case 'delete-lines': {
      const first = lineSpan(text, starts, spec.line);
      const last = lineSpan(text, starts, Math.min(starts.length - 1, (spec.line % starts.length) + spec.count - 1));
      return { start: first.start, end: last.end, insert: '' };
    }
    case 'duplicate-line': {
      const l = lineSpan(text, starts, spec.line);
      const line = text.slice(l.start, l.end);
      return { start: l.start, end: l.start, insert: l.end === l.content ? line + eol : line };
    }
    case 'indent': {
      const l = lineSpan(text, starts, spec.line);
      if (spec.by >= 0) return { start: l.start, end: l.start, insert: ' '.repeat(spec.by) };
      let end = l.start;
      while (end < l.content && end - l.start < -spec.by && text[end] === ' ') end++;
      return end > l.start ? { start: l.start, end, insert: '' } : undefined;
    }
    case 'paste-requirement': {
      const lines = renderRequirement(spec.requirement, spec.dash);
      const l = lineSpan(text, starts, spec.line);
      // At the start of a line; at the end of a text without a final line break, after one.
      if (l.end === l.content && l.end === text.length && text.length > 0) return { start: text.length, end: text.length, insert: eol + lines.join(eol) };
      return { start: l.start, end: l.start, insert: lines.join(eol) + eol };
    }
    case 'set-id':
    case 'set-status': {
      const values = valuesOf(text, spec.kind === 'set-id' ? 'id' : 'status');
      if (!values.length) return undefined;
      const v = values[spec.which % values.length];
      return { start: v.start, end: v.end, insert: spec.kind === 'set-id' ? spec.id : spec.status };
    }
    case 'set-depends': {
      const list = `[${spec.ids.join(', ')}]`;
      const deps = valuesOf(text, 'depends-on');
      const ids = valuesOf(text, 'id');
      const n = spec.which % (deps.length + ids.length || 1);
      if (n < deps.length) {
        // The whole value: a flow list, or the key's own line when the list is a block below it.
        const v = deps[n];
        return { start: v.start, end: v.end, insert: list };
      }
      if (!ids.length) return undefined;
      // A new `depends-on` under the id, at the id's column.
      const v = ids[n - deps.length];
      const lineStart = starts[positionAt(starts, v.start).line];
      const keyColumn = text.slice(lineStart, v.start).search(/id:/);
      const lineEnd = lineSpan(text, starts, positionAt(starts, v.start).line);
      const pad = ' '.repeat(Math.max(0, keyColumn));
      return { start: lineEnd.content, end: lineEnd.content, insert: `${eol}${pad}depends-on: ${list}` };
    }
    case 'unclosed-quote': {
      const l = lineSpan(text, starts, spec.line);
      const colon = text.slice(l.start, l.content).indexOf(': ');
      const at = colon < 0 ? l.content : l.start + colon + 2;
      return { start: at, end: at, insert: '"' };
    }
    case 'line-break': {
      const l = lineSpan(text, starts, spec.line);
      if (l.end === l.content) return undefined;
      return { start: l.content, end: l.end, insert: spec.eol };
    }
    case 'undo': {
      if (!history.length) return undefined;
      const to = history[history.length - 1 - (spec.back % history.length)];
      return to === text ? undefined : diffSplice(text, to);
    }
    case 'whole': {
      let whole = editorText(REQUIREMENT_SEEDS[spec.seed % REQUIREMENT_SEEDS.length].text);
      for (const m of spec.mutations) whole = applyMutation(whole, m);
      return { whole: safeText(whole) };
    }
  }
}

/** The requirement files of examples/ and the fixtures: valid ones and deliberately broken ones. */
export const SEEDS = REQUIREMENT_SEEDS;

/**
 * Text an editor can hold and a file can give back unchanged: no byte order mark, no lone
 * surrogate (a file would hold U+FFFD instead).
 */
export function safeText(text: string): string {
  return editorText(text).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

// ----- texts on disk ---------------------------------------------------------------------------

/** A config: severities, policy, an id-pattern (also a broken one), other globs, broken YAML, the fixtures' configs. */
export const CONFIGS = [
  'rules:\n  single-deal: error\n',
  'rules:\n  stale-evidence: "off"\n  no-evidence: information\n',
  'roadmap:\n  min-market-evidence: 2\n',
  'stale-after-days: 30\n',
  'id-pattern: "^[A-Z]+-[0-9]+$"\n',
  'id-pattern: "("\n',
  'rules:\n  single-deal: eror\n',
  'files: ["**/*.req.yaml"]\n',
  'ignore: ["sub/deep/**"]\n',
  'roadmap:\n  statuses: [roadmap]\n',
  'rules: [\n',
  '',
  '# only a comment\r\nrules:\r\n  duplicate-id: warning\r\n',
  'rules:\n  unknown-reference: "off"\n  dependency-cycle: error\n',
  ...CONFIG_SEEDS.map((s) => s.text),
];

export type DiskTextSpec =
  | { from: 'seed'; seed: number; bom: boolean; crlf: boolean }
  | { from: 'mutated'; mutations: Mutation[] }
  | { from: 'append'; requirement: RequirementSpec }
  | { from: 'edit'; spec: EditSpec };

export const diskTextSpec: fc.Arbitrary<DiskTextSpec> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ from: fc.constant('seed' as const), seed: fc.nat(), bom: fc.boolean(), crlf: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ from: fc.constant('mutated' as const), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ from: fc.constant('append' as const), requirement: requirementSpec }) },
  { weight: 3, arbitrary: fc.record({ from: fc.constant('edit' as const), spec: editSpec }) },
);

/** A new text for a file on disk, from what it holds now (empty if nothing). */
export function diskText(current: string | undefined, spec: DiskTextSpec): string {
  const base = current ?? '';
  switch (spec.from) {
    case 'seed': {
      let text = REQUIREMENT_SEEDS[spec.seed % REQUIREMENT_SEEDS.length].text;
      if (spec.crlf) text = text.replace(/\r?\n/g, '\r\n');
      return (spec.bom && !text.startsWith('\ufeff') ? '\ufeff' : '') + text;
    }
    case 'mutated':
      return spec.mutations.reduce(applyMutation, base);
    case 'append': {
      const eol = eolOf(base);
      const head = base.trim() === '' ? `requirements:${eol}` : base.endsWith('\n') || base.endsWith('\r') ? base : base + eol;
      return head + renderRequirement(spec.requirement, 2).join(eol) + eol;
    }
    case 'edit': {
      const s = splice(base, spec.spec, []);
      if (!s) return base;
      if ('whole' in s) return s.whole;
      return base.slice(0, s.start) + s.insert + base.slice(s.end);
    }
  }
}
