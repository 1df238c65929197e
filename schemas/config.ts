/**
 * `inbound.config.yaml`: the workspace policy. Each top-level key is validated on its own, so one
 * broken setting falls back to its default while the rest of the policy still applies.
 */
import { RE2JS } from 're2js';
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

/**
 * Why an `id-pattern` cannot be used, or undefined when it can. Ids are matched with RE2 (re2js):
 * linear time whatever the pattern, so a pattern from a cloned repository can never hang an editor
 * or a CI run. RE2 has no backreferences and no lookaround — exactly the features that need
 * backtracking — and refuses them; the reason is said in words a person can act on.
 */
export function idPatternProblem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch {
    // RE2 refused it: say why in words, when the pattern uses what RE2 leaves out on purpose.
    if (/\\[1-9]|\\k</.test(pattern)) {
      return 'a pattern without backreferences such as \\1: Inbound matches ids in linear time, which a backreference rules out; write the repeated part out';
    }
    if (/\(\?<?[=!]/.test(pattern)) {
      return 'a pattern without lookahead or lookbehind such as (?=…) or (?!…): Inbound matches ids in linear time, which they rule out; anchor the pattern with ^ and $ instead';
    }
    return 'a valid regular expression';
  }
}

const regex = z.string().superRefine((pattern, ctx) => {
  const problem = idPatternProblem(pattern);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: pattern });
});

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

/** Why a glob such as ../other/*.req.yaml is refused; the config finding names the glob first. */
export const OUTSIDE_GLOB =
  "reaches outside the folder of inbound.config.yaml (through '..' or an absolute path); Inbound reads only the files of its project, in that folder and below";

/**
 * Whether a glob names files outside the folder its config governs: an absolute path, a drive or a
 * home folder, or a `..` segment anywhere (`**\/../../x` climbs as far as `**` went down, and
 * further), also inside braces or an extended glob (`{..,a}`).
 */
export function globLeavesFolder(glob: string): boolean {
  if (/^(?:[\\/]|~|[A-Za-z]:)/.test(glob)) return true;
  return /(?:^|[\\/{,(|])\.\.(?:$|[\\/},)|])/.test(glob);
}

const glob = z
  .string()
  .min(1)
  .refine((g) => !backtrackingGlob(g), BACKTRACKING_GLOB)
  .refine((g) => !globLeavesFolder(g), OUTSIDE_GLOB);

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
