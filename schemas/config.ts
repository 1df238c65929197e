/**
 * `inbound.config.yaml`: the workspace policy. Each top-level key is validated on its own, so one
 * broken setting falls back to its default while the rest of the policy still applies.
 */
import { z } from 'zod';
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

const regex = z.string().refine((p) => {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}, 'a valid regular expression');

export const configKeySchemas = {
  files: z.array(z.string().min(1)).min(1),
  ignore: z.array(z.string().min(1)),
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
