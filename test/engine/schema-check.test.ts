/**
 * The predicates compiled from the zod schemas (server/src/engine/schema-check.ts) answer exactly
 * what zod answers, so skipping zod for a value that passes them changes no finding: on generated
 * values against every schema the model validates with, and on whole files (every seed file, and
 * seed files mutated the way half-typed files look), analysed once through the predicates and once
 * through zod alone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_POLICY } from '../../schemas/config';
import { EVIDENCE_KIND_NAMES, evidenceItemSchemas } from '../../schemas/evidence';
import { requirementSchema, waiverSchema } from '../../schemas/requirements';
import { analyzeFile } from '../../server/src/engine/analyze';
import { fallbacks, predicateOf, schemaChecks } from '../../server/src/engine/schema-check';
import { assertProperty, mutatedSeed, REQUIREMENT_SEEDS, RUNS, SEED } from '../robustness/arbitraries';

const SCHEMAS = [
  { name: 'requirement', schema: requirementSchema },
  { name: 'waiver', schema: waiverSchema },
  ...EVIDENCE_KIND_NAMES.map((kind) => ({ name: kind, schema: evidenceItemSchemas[kind] })),
];

const KEYS = [
  ...new Set(SCHEMAS.flatMap(({ schema }) => Object.keys(schema.shape))),
  'titel',
  '__proto__',
  'constructor',
  'toString',
  'x',
];

/** Scalars as YAML gives them to the model: text with and without spaces, dates, numbers of every kind. */
const scalar = fc.oneof(
  fc.constantFrom(
    '', ' ', '  x  ', 'x', 'CHK-1', ' CHK-1 ', '\t', '\u00a0', '\ufeff', '\ud83d\ude00', '\ud83d', 'a\u2028',
    '2026-09-12', ' 2026-09-12', '2026-02-30', '2026-13-01', '2026-9-1', '12.09.2026',
    'https://example.com/x', ' HTTPS://example.com ', 'http://', 'ftp://x', 'https://a b',
    'idea', 'roadmap', ' roadmap ', 'Roadmap', 'open', 'won', 'lost', 'sales-deal', 'interview',
  ),
  fc.constantFrom(0, -0, 1, -1, 1.5, 14, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), NaN, Infinity, -Infinity, 1e-9),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ maxLength: 6 }),
);

/** A block of keys as the model reads one (null prototype), a plain object, or something else in its place. */
const { value } = fc.letrec<{ value: unknown; block: Record<string, unknown> }>((tie) => ({
  value: fc.oneof(
    { weight: 8, arbitrary: scalar },
    { weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 3 }) },
    { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) },
    { weight: 2, arbitrary: tie('block') },
    { weight: 1, arbitrary: fc.constantFrom(new Date(0), new Uint8Array([1]), [], {}) },
  ),
  block: fc
    .tuple(fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 }), fc.boolean())
    .map(([entries, bare]) => {
      const o: Record<string, unknown> = bare ? Object.create(null) : {};
      // Assigned one by one: on a null-prototype object `__proto__` is an ordinary key.
      for (const [k, v] of Object.entries(entries)) {
        if (k === '__proto__' && !bare) Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });
        else o[k] = v;
      }
      return o;
    }),
}));

/** Mostly well-formed values of one schema, with a field or two changed: the predicate must see the change. */
function nearlyValid(kind: string): fc.Arbitrary<unknown> {
  const good: Record<string, unknown> =
    kind === 'requirement'
      ? { id: 'CHK-1', title: 'Pay by bank transfer', status: 'proposed', owner: 'dana', segments: ['dach'], 'depends-on': ['CHK-2'], evidence: [{}], waiver: { reason: 'r', 'approved-by': 'vp' } }
      : kind === 'waiver'
        ? { reason: 'Deadline', 'approved-by': 'vp', date: '2026-01-01' }
        : { kind, date: '2026-09-12', account: 'Acme', deal: 'OPP-1', amount: 10, count: 3, metric: 'm', respondents: 2, source: 's', competitor: 'c', participants: 4, note: 'n', link: 'https://e.x' };
  const shape = SCHEMAS.find((s) => s.name === kind)!.schema.shape as Record<string, unknown>;
  return fc
    .tuple(
      // Most often every key of the good value is kept, so a single changed field decides.
      fc.oneof({ weight: 3, arbitrary: fc.constant(Object.keys(good)) }, fc.subarray(Object.keys(good))),
      fc.dictionary(fc.constantFrom(...Object.keys(shape), ...KEYS), fc.oneof({ weight: 3, arbitrary: scalar }, value), { maxKeys: 2 }),
      fc.boolean(),
    )
    .map(([keep, changes, bare]) => {
      const o: Record<string, unknown> = bare ? Object.create(null) : {};
      for (const k of keep) if (k in shape || k === 'kind') o[k] = good[k];
      for (const [k, v] of Object.entries(changes)) if (k !== '__proto__') o[k] = v;
      return o;
    });
}

describe(`the predicates compiled from the zod schemas (${RUNS} cases each, seed ${SEED})`, () => {
  for (const { name, schema } of SCHEMAS) {
    it(`${name}: the predicate passes exactly the values zod passes`, () => {
      const valid = predicateOf(schema);
      assertProperty(
        fc.property(fc.oneof(value, nearlyValid(name), nearlyValid(name)), (v) => {
          assert.equal(valid(v), schema.safeParse(v).success, `zod and the predicate disagree on ${show(v)}`);
        }),
      );
    });
  }

  it('reads every part of the file format from the schema, none through zod', () => {
    for (const { schema } of SCHEMAS) predicateOf(schema);
    assert.deepEqual(fallbacks, []);
  });
});

describe('findings through the predicates and through zod alone', () => {
  const ctx = { policy: DEFAULT_POLICY, today: '2026-11-23' };
  const both = (text: string) => {
    const fast = analyzeFile('/w/f.req.yaml', text, ctx).findings;
    schemaChecks.zodOnly = true;
    try {
      return { fast, zod: analyzeFile('/w/f.req.yaml', text, ctx).findings };
    } finally {
      schemaChecks.zodOnly = false;
    }
  };

  it('are the same on every seed file (examples and fixtures)', () => {
    for (const seed of REQUIREMENT_SEEDS) {
      const { fast, zod } = both(seed.text);
      assert.deepEqual(fast, zod, seed.name);
    }
  });

  it('are the same on mutated seed files', () => {
    assertProperty(
      fc.property(mutatedSeed(REQUIREMENT_SEEDS), ({ steps }) => {
        for (const text of steps) {
          const { fast, zod } = both(text);
          assert.deepEqual(fast, zod);
        }
      }),
    );
  });
});

function show(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x === undefined ? '<undefined>' : x));
  } catch {
    return String(v);
  }
}
