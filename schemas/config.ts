/**
 * `inbound.config.yaml`: the workspace policy. Each top-level key is validated on its own, so one
 * broken setting falls back to its default while the rest of the policy still applies.
 */
import * as z from 'zod';
import { DEFAULT_ID_PATTERN, status } from './primitives';

export const RULE_CODES = [
  'yaml-syntax',
  'schema',
  'duplicate-id',
  'unknown-reference',
  'dependency-cycle',
  'single-deal',
  'sales-only',
  'no-evidence',
  'roadmap-gate',
  'duplicate-evidence',
  'stale-evidence',
  'future-evidence',
  'file-too-large',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export const SEVERITY_SETTINGS = ['off', 'hint', 'information', 'warning', 'error'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

/** Why a pattern such as (a+)+ is refused; also the message the config finding shows. */
export const NESTED_REPETITION =
  'a pattern without a repeated group inside a repeated group, such as (a+)+: on an id that almost matches, that takes exponential time';

const regex = z
  .string()
  .refine((p) => {
    try {
      new RegExp(p);
      return true;
    } catch {
      return false;
    }
  }, 'a valid regular expression')
  .refine((p) => !nestsRepetition(p), NESTED_REPETITION);

/**
 * Whether a pattern repeats (`*`, `+`, `{…}`) a group that itself contains a repetition. JavaScript
 * regular expressions backtrack, so `^(a+)+$` on forty a's and a '!' runs for hours: the language
 * server would hang on one id. Conservative: `(ab+){2}` is refused too, which no id needs.
 */
export function nestsRepetition(pattern: string): boolean {
  const groups: boolean[] = [false]; // per open group: whether something inside it repeats
  let closedGroupRepeats = false; // the atom just before is a group with a repetition inside
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' || c === '+' || c === '{') {
      if (closedGroupRepeats) return true;
      groups[groups.length - 1] = true;
      if (c === '{') while (i < pattern.length && pattern[i] !== '}') i++;
      continue;
    }
    closedGroupRepeats = false;
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
    } else if (c === '(') groups.push(false);
    else if (c === ')' && groups.length > 1) {
      closedGroupRepeats = groups.pop()!;
      if (closedGroupRepeats) groups[groups.length - 1] = true;
    }
  }
  return false;
}

/** Why a glob such as *a*a*a*c is refused; also the message the config finding shows. */
export const BACKTRACKING_GLOB =
  'file patterns with no more than two * wildcards between slashes and no extended globs such as +(…): more can take exponential time on a long file name';

/**
 * Whether a glob can backtrack for minutes on one file name: globs become regular expressions, and
 * each * between two slashes multiplies the ways a long name can almost match (three stars and a
 * 240-character name: 4 s; twelve: hours). Extended globs (`+(a|aa)`) repeat groups outright.
 */
export function backtrackingGlob(glob: string): boolean {
  if (/[@!?*+]\(/.test(glob)) return true;
  return glob.split('/').some((segment) => segment !== '**' && (segment.match(/\*+/g) ?? []).length > 2);
}

const glob = z
  .string()
  .min(1)
  .refine((g) => !backtrackingGlob(g), BACKTRACKING_GLOB);

export const configKeySchemas = {
  files: z.array(glob).min(1),
  ignore: z.array(glob),
  'id-pattern': regex,
  roadmap: z.strictObject({
    statuses: z.array(status).min(1).optional(),
    'min-market-evidence': z.number().int().min(0).optional(),
  }),
  'stale-after-days': z.number().int().min(1),
  'max-file-kb': z.number().int().min(1),
  rules: z.partialRecord(z.enum(RULE_CODES), z.enum(SEVERITY_SETTINGS)),
};
export type ConfigKey = keyof typeof configKeySchemas;
export const CONFIG_KEYS = Object.keys(configKeySchemas) as ConfigKey[];

export interface Policy {
  files: string[];
  ignore: string[];
  idPattern: string;
  roadmapStatuses: string[];
  minMarketEvidence: number;
  staleAfterDays: number;
  /** Files larger than this get one information finding instead of a full check. */
  maxFileKb: number;
  rules: Partial<Record<RuleCode, SeveritySetting>>;
}

export const DEFAULT_POLICY: Policy = Object.freeze({
  files: ['**/*.req.yaml', '**/*.req.yml'],
  ignore: ['**/node_modules/**', '**/.git/**'],
  idPattern: DEFAULT_ID_PATTERN,
  roadmapStatuses: ['roadmap', 'in-progress'],
  minMarketEvidence: 1,
  staleAfterDays: 365,
  maxFileKb: 4096,
  rules: {},
}) as Policy;

export const configFileSchema = z
  .strictObject(
    Object.fromEntries(CONFIG_KEYS.map((k) => [k, configKeySchemas[k].optional()])) as {
      [K in ConfigKey]: z.ZodOptional<(typeof configKeySchemas)[K]>;
    },
  )
  .meta({ title: 'Inbound configuration', description: 'Workspace policy for Inbound (inbound.config.yaml).' });
