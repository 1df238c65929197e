/**
 * Inputs for the property tests: arbitrary text weighted towards what YAML reacts to, and the
 * requirement files of examples/ and the fixtures mutated the way half-typed files look (a line
 * deleted, pasted twice, moved, re-indented, characters typed anywhere, the file cut short).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';

const REPO = join(__dirname, '..', '..');

// ----- settings ------------------------------------------------------------------------------

/** The fixed seed of the CI-sized run, so a failure in CI reproduces on any machine. */
const CI_SEED = 20261123;

/** Cases per property: about a thousand in `npm test`; `npm run fuzz` sets INBOUND_FUZZ_RUNS. */
export const RUNS = positiveInt(process.env.INBOUND_FUZZ_RUNS) ?? 1000;
export const SEED = Number.isSafeInteger(Number(process.env.INBOUND_FUZZ_SEED)) && process.env.INBOUND_FUZZ_SEED ? Number(process.env.INBOUND_FUZZ_SEED) : CI_SEED;

function positiveInt(s: string | undefined): number | undefined {
  const n = Number(s);
  return s && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * fc.assert with the run's seed and size; a failure names the seed and the counterexample's path,
 * so `INBOUND_FUZZ_SEED=<seed> npm run fuzz` (or the same env with `node scripts/test.mjs <file>`)
 * replays it.
 */
export function assertProperty<T>(property: fc.IProperty<T>, runs = RUNS): void {
  try {
    fc.assert(property, { seed: SEED, numRuns: runs, endOnFailure: false });
  } catch (e) {
    const err = e as Error;
    err.message = `Seed ${SEED} (replay: INBOUND_FUZZ_SEED=${SEED} INBOUND_FUZZ_RUNS=${runs}).\n${err.message}`;
    throw err;
  }
}

// ----- characters and words ------------------------------------------------------------------

/** Characters YAML gives meaning to, and the white space that decides its structure. */
const YAML_CHARACTERS = [...':-[]{}#&*!|>\'"%@`,?.\\\t\r\n', ' ', ' ', ' ', '\r\n', '---', '...', '- ', ': '];

/** Control characters, line and paragraph separators, the BOM, NUL: what binary content brings. */
const CONTROL_CHARACTERS = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  '\x7f',
  '\x85',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffd',
];

/** Words the engine reacts to: keys, values, ids, dates, tags, anchors, the suppression comment. */
const WORDS = [
  'requirements', 'area', 'id', 'title', 'status', 'owner', 'problem', 'segments', 'depends-on', 'evidence', 'waiver',
  'kind', 'account', 'deal', 'amount', 'currency', 'stage', 'date', 'note', 'link', 'person', 'count', 'query',
  'metric', 'value', 'baseline', 'respondents', 'segment', 'source', 'competitor', 'outcome', 'participants',
  'reason', 'approved-by', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '<<',
  'idea', 'proposed', 'validated', 'roadmap', 'in-progress', 'shipped', 'rejected',
  'sales-deal', 'rfp', 'interview', 'support-tickets', 'survey', 'research', 'analyst', 'win-loss', 'community', 'usability-test',
  'open', 'won', 'lost', 'CHK-1', 'CHK-2', 'CHK-101', 'A-1', 'chk-1', 'Acme GmbH', 'acme  gmbh', 'OPP-1',
  '2026-09-12', '2026-02-30', '2027-01-01', '1999-12-31', '2026-9-1', '-1', '0', '1e999', '.nan', '.inf', '0x1F', 'true', 'null', '~',
  '&a', '*a', '&b', '*b', '!!str', '!!js/function', '!!python/object:os.system', '!foo', '!<tag:x>', '%YAML 1.2', '%TAG ! tag:x,2000:',
  '# inbound-ignore single-deal -- decided', '# inbound-ignore', '# inbound-ignore roadmap-gate -- no', 'https://example.com',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const anyCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
const indentation = fc.nat({ max: 12 }).map((n) => '\n' + ' '.repeat(n));

/** One piece of text: a character or a word, YAML's own characters weighted highest. */
export const textUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...YAML_CHARACTERS) },
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 4, arbitrary: indentation },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 3 }) },
  { weight: 2, arbitrary: anyCodePoint },
  { weight: 2, arbitrary: fc.constantFrom(...CONTROL_CHARACTERS) },
  { weight: 1, arbitrary: loneSurrogate },
);

/** Arbitrary text: any units in any order. */
export const arbitraryText: fc.Arbitrary<string> = fc.string({ unit: textUnit, maxLength: 300 });

/** Text shaped like YAML lines (indentation, a dash, a key, a value), so deeper paths are reached. */
const yamlLine: fc.Arbitrary<string> = fc
  .tuple(
    fc.nat({ max: 10 }),
    fc.boolean(),
    fc.oneof(fc.constantFrom(...WORDS), fc.string({ unit: textUnit, maxLength: 3 })),
    fc.constantFrom(': ', ':', ' ', ': |', ': >', ': [', ': {', ':\t'),
    fc.oneof(fc.constantFrom(...WORDS), fc.string({ unit: textUnit, maxLength: 6 })),
    fc.constantFrom('\n', '\n', '\n', '\r\n', '\r', ''),
  )
  .map(([indent, dash, key, sep, value, end]) => `${' '.repeat(indent)}${dash ? '- ' : ''}${key}${sep}${value}${end}`);

export const yamlishText: fc.Arbitrary<string> = fc.array(yamlLine, { maxLength: 30 }).map((lines) => lines.join(''));

// ----- seeds and their mutations -------------------------------------------------------------

export interface Seed {
  /** Path relative to the repository, for messages. */
  name: string;
  text: string;
}

function collect(dir: string, accept: (name: string) => boolean): Seed[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return collect(path, accept);
      return accept(name) ? [{ name: relative(REPO, path), text: readFileSync(path, 'utf8') }] : [];
    });
}

const isRequirementFile = (name: string) => /\.req\.ya?ml$/.test(name);
const isConfig = (name: string) => name === 'inbound.config.yaml';

/** Every requirement file of examples/ and the check fixtures: valid ones and deliberately broken ones. */
export const REQUIREMENT_SEEDS: Seed[] = [
  ...collect(join(REPO, 'examples'), isRequirementFile),
  ...collect(join(REPO, 'test', 'fixtures', 'check'), isRequirementFile),
];

export const CONFIG_SEEDS: Seed[] = [
  ...collect(join(REPO, 'examples'), isConfig),
  ...collect(join(REPO, 'test', 'fixtures', 'check'), isConfig),
];

export type Mutation =
  | { op: 'delete-line'; at: number }
  | { op: 'duplicate-line'; at: number }
  | { op: 'swap-lines'; at: number; with: number }
  | { op: 'reindent'; at: number; by: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'truncate'; at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap-lines' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('reindent' as const), at: fc.nat(), by: fc.integer({ min: -6, max: 6 }) }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: textUnit, minLength: 1, maxLength: 8 }) }) },
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Lines with their own line breaks, so joining them gives the text back byte for byte. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

export function applyMutation(text: string, m: Mutation): string {
  const lines = splitLines(text);
  const line = (n: number) => (lines.length ? n % lines.length : 0);
  switch (m.op) {
    case 'delete-line':
      lines.splice(line(m.at), 1);
      return lines.join('');
    case 'duplicate-line':
      if (lines.length) lines.splice(line(m.at), 0, lines[line(m.at)]);
      return lines.join('');
    case 'swap-lines': {
      if (!lines.length) return text;
      const [a, b] = [line(m.at), line(m.with)];
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('');
    }
    case 'reindent': {
      if (!lines.length) return text;
      const i = line(m.at);
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('');
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'delete': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
  }
}

export interface MutatedSeed {
  seed: Seed;
  mutations: Mutation[];
  /** The text after each mutation. */
  steps: string[];
}

/**
 * A seed and the texts it passes through as the mutations are applied one after another. A failure
 * prints the seed's name, the mutations and the last text, not the seed's whole text.
 */
export function mutatedSeed(seeds: Seed[]): fc.Arbitrary<MutatedSeed> {
  const bySeed = fc.constantFrom(...seeds.map((_, i) => i));
  return fc.record({ seed: bySeed, mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }) }).map(({ seed: i, mutations }) => {
    const seed = seeds[i];
    const steps: string[] = [];
    let text = seed.text;
    for (const m of mutations) {
      text = applyMutation(text, m);
      steps.push(text);
    }
    return {
      seed,
      mutations,
      steps,
      [fc.toStringMethod]: () => `${seed.name} after ${JSON.stringify(mutations)}, ending as ${JSON.stringify(text)}`,
    };
  });
}

/** A seed file as a counterexample: its name, not its text. */
export function seedFile(seeds: Seed[]): fc.Arbitrary<Seed> {
  return fc.constantFrom(...seeds.map((_, i) => i)).map((i) => ({ ...seeds[i], [fc.toStringMethod]: () => seeds[i].name }));
}

// ----- requirement files written in every layout ---------------------------------------------

/**
 * Valid requirement files in the layouts people write and tools produce, for the quick-fix
 * properties: evidence missing, empty, null (`~`, `null`, `!!null`, on the key's line or below
 * it), flow (`[]`, `[ ]`, `[{…}]`) or block (dash at the key's column or indented, `-   kind`);
 * block scalars of every chomping (`|`, `|+`, `|-`, `>`, `>+`) with trailing blank lines as the
 * last value of a requirement or an evidence item; comments with tabs and `#` in odd places,
 * `inbound-ignore` comments; trailing spaces; CRLF, CR, LF and mixed line breaks; a BOM; no final
 * line break; requirements written as flow maps. Findings of every kind come with them: missing
 * and misspelt keys and values, duplicate ids and deals, sales-only and gated requirements.
 */
export interface LayoutFile {
  text: string;
}

/** A line of the file, without its line break. */
type Lines = string[];

const comment = fc.constantFrom(
  '', '', '', '', '', ' # note', '  #\ttabbed', '\t# after a tab', ' #', ' # a # b',
  ' # inbound-ignore stale-evidence -- kept for the record', ' # inbound-ignore schema -- later', ' # inbound-ignore no-evidence -- gathering',
);
const trailing = fc.constantFrom('', '', '', ' ', '  ', '\t');

/** A block scalar (`|+` …) with its content lines and trailing blank lines, indented under a key at `key`. */
const blockScalar = fc.record({
  header: fc.constantFrom('|', '|+', '|-', '>', '>+', '>-', '|2+', '>+1'),
  lines: fc.array(fc.constantFrom('Finance will not use cards', 'for invoices over 10k EUR.', '# not a comment', '  indented more', 'a: b'), { minLength: 1, maxLength: 3 }),
  // Blank lines, some with spaces: fewer than the content's indentation, or more (then they are content).
  blank: fc.array(fc.constantFrom('', '', ' ', '  ', '            '), { maxLength: 3 }),
  comment,
});

type BlockScalar = typeof blockScalar extends fc.Arbitrary<infer T> ? T : never;

function renderScalar(key: number, name: string, s: BlockScalar): Lines {
  const explicit = /[0-9]/.exec(s.header);
  const indent = key + (explicit ? Number(explicit[0]) : 2);
  // With an explicit indentation the first line may start with spaces; without one it may not.
  const lines = s.lines.map((l, i) => (!explicit && i === 0 ? l.trimStart() : l));
  return [`${' '.repeat(key)}${name}: ${s.header}${s.comment}`, ...lines.map((l) => ' '.repeat(indent) + l), ...s.blank];
}

const value = (words: string[]) => fc.constantFrom(...words);

const evidenceItem = fc.record({
  kind: value(['sales-deal', 'sales-deal', 'interview', 'support-tickets', 'interveiw', 'rfp']),
  account: value(['Acme GmbH', 'Acme GmbH', 'Globex AG', 'Initech']),
  deal: value(['OPP-1', 'OPP-1', 'OPP-2']),
  date: value(['2026-09-12', '2026-09-12', '2020-01-01', '']),
  note: fc.option(fc.oneof(blockScalar, value(['plain note', "'quoted # not a comment'"])), { nil: undefined }),
  comment,
  trailing,
});

type EvidenceItem = typeof evidenceItem extends fc.Arbitrary<infer T> ? T : never;

function renderItem(dash: number, gap: number, it: EvidenceItem): Lines {
  const key = dash + 1 + gap;
  const pad = ' '.repeat(key);
  const fields: Lines = [`kind: ${it.kind}${it.trailing}${it.comment}`];
  if (it.kind !== 'support-tickets') fields.push(`account: ${it.account}`);
  else fields.push('count: 12');
  if (it.kind === 'sales-deal') fields.push(`deal: ${it.deal}`);
  if (it.date) fields.push(`date: ${it.date}${it.trailing}`);
  const lines = [`${' '.repeat(dash)}-${' '.repeat(gap)}${fields[0]}`, ...fields.slice(1).map((f) => pad + f)];
  if (typeof it.note === 'string') lines.push(`${pad}note: ${it.note}`);
  else if (it.note) lines.push(...renderScalar(key, 'note', it.note));
  return lines;
}

function flowItem(it: EvidenceItem): string {
  const parts = [`kind: ${it.kind}`, it.kind === 'support-tickets' ? 'count: 12' : `account: ${it.account}`];
  if (it.kind === 'sales-deal') parts.push(`deal: ${it.deal}`);
  if (it.date) parts.push(`date: ${it.date}`);
  return `{${parts.join(', ')}}`;
}

const evidence = fc.oneof(
  fc.record({ form: fc.constant('missing' as const) }),
  fc.record({ form: fc.constant('empty' as const), comment, trailing }),
  fc.record({ form: fc.constant('null' as const), word: value(['~', 'null', 'Null', 'NULL', '!!null', '!!null ~', '\t~']), comment, trailing, quoted: fc.boolean() }),
  fc.record({ form: fc.constant('null-below' as const), word: value(['~', 'null']), comment }),
  fc.record({ form: fc.constant('flow' as const), items: fc.array(evidenceItem, { maxLength: 2 }), space: fc.boolean(), comment }),
  {
    weight: 4,
    arbitrary: fc.record({
      form: fc.constant('block' as const),
      items: fc.array(evidenceItem, { minLength: 1, maxLength: 3 }),
      indent: fc.constantFrom(0, 2, 2, 4),
      gap: fc.constantFrom(1, 1, 1, 3),
      comment,
      between: fc.boolean(),
      dashAlone: fc.constantFrom(false, false, false, true),
    }),
  },
);

type Evidence = typeof evidence extends fc.Arbitrary<infer T> ? T : never;

function renderEvidence(key: number, ev: Evidence): Lines {
  const pad = ' '.repeat(key);
  switch (ev.form) {
    case 'missing':
      return [];
    case 'empty':
      return [`${pad}evidence:${ev.trailing}${ev.comment}`];
    case 'null':
      return [`${pad}${ev.quoted ? '"evidence"' : 'evidence'}:${ev.word.startsWith('\t') ? '' : ' '}${ev.word}${ev.trailing}${ev.comment}`];
    case 'null-below':
      return [`${pad}evidence:${ev.comment}`, `${pad}  ${ev.word}`];
    case 'flow': {
      const inner = ev.items.map(flowItem).join(', ');
      return [`${pad}evidence: [${ev.space && !inner ? ' ' : ''}${inner}]${ev.comment}`];
    }
    case 'block': {
      const lines = [`${pad}evidence:${ev.comment}`];
      ev.items.forEach((it, i) => {
        if (ev.between && i > 0) lines.push(`${' '.repeat(key + ev.indent)}# the next one\t#2`);
        const item = renderItem(key + ev.indent, ev.gap, it);
        // `-` on a line of its own, the item's keys below it.
        if (ev.dashAlone) lines.push(`${' '.repeat(key + ev.indent)}-`, ' '.repeat(key + ev.indent + 1 + ev.gap) + item[0].trimStart().slice(1).trimStart(), ...item.slice(1));
        else lines.push(...item);
      });
      return lines;
    }
  }
}

const requirement = fc.record({
  id: fc.option(value(['CHK-1', 'CHK-2', 'CHK-3', 'CHK-4', 'CHK-5', 'CHK-1']), { nil: undefined, freq: 8 }),
  titleKey: value(['title', 'title', 'title', 'titel', '']),
  status: fc.option(value(['idea', 'proposed', 'validated', 'roadmap', 'roadmap', 'in-progress', 'roadmp', 'shipped', '"roadmap"', '|\n roadmap']), { nil: undefined, freq: 8 }),
  owner: fc.boolean(),
  problem: fc.option(fc.oneof(blockScalar, value(['Cards fail for large invoices', '"Quoted: with a colon"'])), { nil: undefined }),
  evidence,
  waiver: fc.option(value(['complete', 'no-approver', 'self-approved']), { nil: undefined, freq: 4 }),
  order: fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
  dashAlone: fc.boolean(),
  gap: fc.constantFrom(1, 1, 1, 2, 3),
  commentLine: fc.option(fc.tuple(fc.nat(), value(['# about this one', '#\ttab after the mark', '  # deeper', '# inbound-ignore no-evidence -- gathering']), fc.boolean()), { nil: undefined }),
  comment,
  trailing,
  blankAfter: fc.array(value(['', '  ']), { maxLength: 2 }),
});

type Requirement = typeof requirement extends fc.Arbitrary<infer T> ? T : never;

function renderRequirement(dash: number, r: Requirement, flow: boolean): Lines {
  if (flow) {
    const parts = [`id: ${r.id ?? 'CHK-9'}`, 'title: Flow', `status: ${r.status && !r.status.includes('\n') ? r.status : 'roadmap'}`];
    if (r.evidence.form === 'flow') parts.push(`evidence: [${r.evidence.items.map(flowItem).join(', ')}]`);
    return [`${' '.repeat(dash)}- {${parts.join(', ')}}${r.comment}`, ...r.blankAfter];
  }
  const key = dash + 1 + r.gap;
  const pad = ' '.repeat(key);
  const keys: Lines[] = [];
  if (r.id) keys.push([`${pad}id: ${r.id}${r.trailing}${r.comment}`]);
  if (r.titleKey) keys.push([`${pad}${r.titleKey}: Saved carts${r.trailing}`]);
  if (r.status) keys.push(r.status.includes('\n') ? [`${pad}status: |`, `${pad}  roadmap`] : [`${pad}status: ${r.status}${r.comment}`]);
  if (r.owner) keys.push([`${pad}owner: dana@example.com`]);
  if (typeof r.problem === 'string') keys.push([`${pad}problem: ${r.problem}`]);
  else if (r.problem) keys.push(renderScalar(key, 'problem', r.problem));
  const ev = renderEvidence(key, r.evidence);
  if (ev.length) keys.push(ev);
  if (r.waiver) {
    const approver = r.waiver === 'self-approved' ? 'dana@example.com' : 'vp@example.com';
    keys.push([`${pad}waiver:`, `${pad}  reason: Regulatory deadline`, ...(r.waiver === 'no-approver' ? [] : [`${pad}  approved-by: ${approver}`])]);
  }
  // Any order, the block scalars often last: the order numbers sort the keys.
  const order = keys.map((k, i) => ({ k, o: r.order[i] % 5 }));
  order.sort((a, b) => a.o - b.o);
  const lines = order.flatMap((x) => x.k);
  if (r.commentLine && lines.length > 1) {
    const at = 1 + (r.commentLine[0] % (lines.length - 1));
    // Never inside a block scalar's lines: only before a line at the key's column.
    const [, text, leftMargin] = r.commentLine;
    if (lines[at].startsWith(pad) && lines[at][key] !== ' ') lines.splice(at, 0, (leftMargin ? '' : pad) + text);
  }
  if (lines.length === 0) lines.push(`${pad}title: Only a title`);
  // The first key goes on the dash line, or on a line of its own below a lone dash.
  const first = lines[0].slice(key);
  const head = r.dashAlone ? [`${' '.repeat(dash)}-`, pad + first] : [`${' '.repeat(dash)}-${' '.repeat(r.gap)}${first}`];
  return [...head, ...lines.slice(1), ...r.blankAfter];
}

export const layoutFile: fc.Arbitrary<LayoutFile> = fc
  .record({
    bom: fc.boolean(),
    header: value(['', '# Checkout requirements', 'area: Checkout # the area', '#\tno space after the mark', '---', '--- # a document']),
    dash: fc.constantFrom(0, 2, 2, 4),
    requirements: fc.array(fc.tuple(requirement, fc.nat({ max: 9 })), { minLength: 1, maxLength: 3 }),
    eol: fc.constantFrom('\n', '\n', '\r\n', '\r', 'mixed'),
    mix: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 2, maxLength: 7 }),
    finalBreak: fc.constantFrom(true, true, false),
  })
  .map(({ bom, header, dash, requirements, eol, mix, finalBreak }) => {
    const lines: Lines = [];
    if (header) lines.push(header);
    lines.push('requirements:');
    // One requirement in ten is a flow map.
    for (const [r, roll] of requirements) lines.push(...renderRequirement(dash, r, roll === 0));
    let text = bom ? '\ufeff' : '';
    lines.forEach((line, i) => {
      const last = i === lines.length - 1;
      text += line + (last && !finalBreak ? '' : eol === 'mixed' ? mix[i % mix.length] : eol);
    });
    return { text, [fc.toStringMethod]: () => JSON.stringify(text) };
  });
