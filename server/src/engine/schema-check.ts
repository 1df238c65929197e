/**
 * The zod schemas of `schemas/`, compiled once into plain predicates: does a value pass, yes or no.
 * zod stays the one truth about the file format (and about how a problem is worded): the model asks
 * the predicate first, and only a value that fails it is parsed by zod, for its issues. Most
 * requirements are well-formed, and zod's parse of one (a result object per field, a copy of the
 * value, an issue list) cost about a seventh of `inbound check`.
 *
 * The predicates are read from the schemas' own definitions, not written beside them: the types,
 * the required and optional keys, strictness, enums and literals, and every check attached to a
 * type run through zod's own check functions (trim, minimum lengths, patterns, refinements, whole
 * numbers), in zod's order and with its rules for when a check runs. A schema kind this does not
 * know falls back to zod's own `safeParse` for that part, so a new kind of field is never
 * mis-validated, only slower. test/engine/schema-check.test.ts holds both to the same answers.
 */
import type { z } from 'zod';

export type Predicate = (value: unknown) => boolean;

interface Internals {
  def: {
    type: string;
    checks?: CheckInternals[];
    coerce?: boolean;
    shape?: Record<string, z.ZodType>;
    catchall?: z.ZodType;
    innerType?: z.ZodType;
    element?: z.ZodType;
  };
  traits: Set<string>;
  optin?: string;
  optout?: string;
  values?: Set<unknown>;
}

interface CheckInternals {
  _zod: {
    def: { check: string; when?: (payload: Payload) => boolean; tx?: (value: unknown) => unknown; minimum?: number; pattern?: RegExp };
    check(payload: Payload): unknown;
  };
}

interface Payload {
  value: unknown;
  issues: unknown[];
}

const compiled = new WeakMap<object, Predicate>();

/**
 * `zodOnly`: every value goes through zod, as before the predicates; the test that holds the two
 * paths to the same findings turns it on for one side.
 */
export const schemaChecks = { zodOnly: false };

/** Schema parts that fell back to zod's own parse (the test asserts there are none in ours). */
export const fallbacks: string[] = [];

/** The predicate of a schema: true exactly when `schema.safeParse(value).success` would be. */
export function predicateOf(schema: z.ZodType): Predicate {
  let p = compiled.get(schema);
  if (!p) {
    p = compile(schema);
    compiled.set(schema, p);
  }
  return p;
}

function internals(schema: z.ZodType): Internals {
  return (schema as unknown as { _zod: Internals })._zod;
}

function compile(schema: z.ZodType): Predicate {
  const zod = internals(schema);
  const def = zod.def;
  // A schema that is itself a check (a string format such as z.email()) or coerces: zod's own parse.
  if (def.coerce || zod.traits.has('$ZodCheck')) return fallback(schema, def.type);
  const base = typePredicate(schema, zod);
  const checks = def.checks ?? [];
  if (!checks.length) return base;
  const run = checkRunner(checks);
  return (value) => base(value) && run(value);
}

function typePredicate(schema: z.ZodType, zod: Internals): Predicate {
  const def = zod.def;
  switch (def.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && !Number.isNaN(v) && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'unknown':
    case 'any':
      return () => true;
    case 'never':
      return () => false;
    case 'enum':
    case 'literal': {
      const values = zod.values;
      if (!values) return fallback(schema, def.type);
      return (v) => values.has(v);
    }
    case 'optional': {
      // A defaulted inner schema substitutes a value for absence: zod decides that one.
      if (internals(def.innerType!).optin === 'defaulted') return fallback(schema, 'optional of a default');
      const inner = predicateOf(def.innerType!);
      return (v) => v === undefined || inner(v);
    }
    case 'nullable': {
      const inner = predicateOf(def.innerType!);
      return (v) => v === null || inner(v);
    }
    case 'array': {
      const element = predicateOf(def.element!);
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'object':
      return objectPredicate(schema, zod);
    default:
      return fallback(schema, def.type);
  }
}

/**
 * zod's object: any non-null, non-array object; each key of the shape present and valid, or absent
 * and optional; with `never` as the catch-all (a strict object) no other key, `__proto__` included,
 * as `for…in` finds them; without one, other keys are ignored.
 */
function objectPredicate(schema: z.ZodType, zod: Internals): Predicate {
  const def = zod.def;
  const catchall = def.catchall ? internals(def.catchall).def.type : undefined;
  if (catchall !== undefined && catchall !== 'never') return fallback(schema, `object with a ${catchall} catch-all`);
  const shape = def.shape ?? {};
  if (Object.getOwnPropertySymbols(shape).length) return fallback(schema, 'object with symbol keys');
  const keys = Object.keys(shape).filter((k) => k !== '__proto__');
  const known = new Set(Object.keys(shape));
  const fields = keys.map((key) => {
    const field = internals(shape[key]);
    const check = predicateOf(shape[key]);
    // Absent: fine when the field may be left out and says so; a field without `optin` always
    // reports its absence (its own issue, or "nonoptional").
    const absentOk = field.optin !== undefined && (field.optout === 'optional' || check(undefined));
    return { key, check, absentOk };
  });
  const strict = catchall === 'never';
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const o = v as Record<string, unknown>;
    for (const f of fields) {
      const value = o[f.key];
      if (value === undefined && !(f.key in o)) {
        if (!f.absentOk) return false;
      } else if (!f.check(value)) return false;
    }
    if (strict) for (const key in o) if (!known.has(key)) return false;
    return true;
  };
}

/**
 * The checks attached to a type, in order, as zod runs them once the type matched: an overwrite
 * (trim) changes the value the later checks see; a check with a `when` runs only when it says so;
 * the first issue decides (the parse fails whatever follows). Minimum lengths and patterns are
 * inlined as zod computes them; every other check is zod's own function on a payload of its own.
 */
function checkRunner(checks: CheckInternals[]): Predicate {
  const steps = checks.map((ch): ((p: Payload) => boolean) => {
    const d = ch._zod.def;
    const when = d.when;
    let step: (p: Payload) => boolean;
    if (d.check === 'overwrite' && d.tx) {
      const tx = d.tx;
      return (p) => {
        p.value = tx(p.value);
        return true;
      };
    } else if (d.check === 'min_length' && typeof d.minimum === 'number') {
      const min = d.minimum;
      step = (p) => {
        const input = p.value as { length: number };
        const units = input.length;
        // zod counts a string in code points when the units alone cannot tell.
        const length = typeof input === 'string' && units >= min && units < min * 2 ? codePoints(input) : units;
        return length >= min;
      };
    } else if (d.check === 'string_format' && d.pattern instanceof RegExp && (d as { format?: string }).format === 'regex') {
      const pattern = d.pattern;
      step = (p) => {
        pattern.lastIndex = 0;
        return pattern.test(p.value as string);
      };
    } else {
      step = (p) => {
        const before = p.issues.length;
        const result = ch._zod.check(p);
        if (result instanceof Promise) throw new Error('an asynchronous check cannot be compiled into a predicate');
        return p.issues.length === before;
      };
    }
    if (!when) return step;
    return (p) => !when(p) || step(p);
  });
  return (value) => {
    const payload: Payload = { value, issues: [] };
    for (const step of steps) if (!step(payload)) return false;
    return true;
  };
}

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function fallback(schema: z.ZodType, what: string): Predicate {
  fallbacks.push(what);
  return (v) => schema.safeParse(v).success;
}
