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
