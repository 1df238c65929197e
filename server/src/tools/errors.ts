/**
 * A tool that cannot answer says why in one sentence an assistant can pass on or act on ("No
 * requirement CHK-999 in this project; the closest is CHK-099."), never a stack trace or a list of
 * schema paths.
 */
import type * as z from 'zod';
import { closest } from '../engine/did-you-mean';

export class ToolError extends Error {}

/** `'evidence.account'`, `'verdict'`: where in the input a problem is. */
function where(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function shown(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? value.slice(0, 57) + '…' : value}'`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/**
 * The first problem zod found in an input, as one sentence. `subject` names what was checked ("The
 * input", "An interview"), `keys` lists what it takes, for an unknown key's did-you-mean.
 */
export function issueSentence(issue: z.core.$ZodIssue, subject: string, keys: readonly string[]): string {
  const at = where(issue.path);
  const name = at ? `'${at}'` : subject;
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return `${subject} needs '${at}'.`;
      return `${name} must be ${TYPE_WORDS[issue.expected] ?? issue.expected}, not ${shown(input)}.`;
    case 'unrecognized_keys': {
      const key = issue.keys[0];
      const near = closest(key, keys);
      return `${subject} has no '${key}'${near ? ` (did you mean '${near}'?)` : ''}; it takes ${keys.join(', ')}.`;
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const near = typeof input === 'string' ? closest(input, values) : undefined;
      return `${name} cannot be ${shown(input)}${near ? ` (did you mean '${near}'?)` : ''}; it is one of ${values.join(', ')}.`;
    }
    case 'invalid_union': {
      // A value or a list of values: say what the single value may be.
      const inner = issue.errors.flat().find((i) => i.code === 'invalid_value');
      if (inner) return issueSentence({ ...inner, path: issue.path, input } as z.core.$ZodIssue, subject, keys);
      return `${name} is not valid: ${issue.message}.`;
    }
    case 'too_small':
      if (issue.origin === 'string') return `${name} is empty.`;
      if (issue.origin === 'array') return `${name} is an empty list.`;
      return `${name} must be at least ${String(issue.minimum)}, not ${shown(input)}.`;
    case 'too_big':
      return `${name} must be at most ${String(issue.maximum)}, not ${shown(input)}.`;
    case 'invalid_format':
      return `${name} must be ${issue.message.startsWith('Invalid') ? `in the format ${issue.format}` : issue.message}, not ${shown(input)}.`;
    default:
      return `${name} must be ${issue.message}${input === undefined ? '' : `, not ${shown(input)}`}.`;
  }
}

/** The input as the schema reads it, or a ToolError with the first problem in one sentence. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, subject = 'The input'): T {
  const result = schema.safeParse(input ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const keys = 'shape' in schema ? Object.keys((schema as unknown as z.ZodObject).shape) : [];
  const issue = result.error.issues[0];
  // An unknown key inside a nested object names that object's keys.
  const nested = issue.path.length ? nestedKeys(schema, issue.path) : keys;
  throw new ToolError(issueSentence(issue, issue.path.length && issue.code === 'unrecognized_keys' ? `'${where(issue.path)}'` : subject, nested));
}

function nestedKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  for (const step of path) {
    const shape = (s as { shape?: Record<string, unknown> }).shape;
    if (!shape || typeof step !== 'string') return [];
    s = unwrap(shape[step]);
  }
  const shape = (s as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(schema: unknown): unknown {
  let s = schema as { def?: { type: string; innerType?: unknown } };
  while (s?.def && (s.def.type === 'optional' || s.def.type === 'default' || s.def.type === 'nullable')) s = s.def.innerType as typeof s;
  return s;
}
