/** Every rule, and the reference of all finding codes (including the two the parser reports). */
import type { RuleCode } from '../../../../schemas/config';
import type { Severity } from '../types';
import { dependencyCycle } from './dependency-cycle';
import { duplicateEvidence } from './duplicate-evidence';
import { duplicateId } from './duplicate-id';
import { futureEvidence } from './future-evidence';
import { noEvidence } from './no-evidence';
import { roadmapGate } from './roadmap-gate';
import type { RequirementRule, RuleMeta, WorkspaceRule } from './rule';
import { salesOnly } from './sales-only';
import { singleDeal } from './single-deal';
import { staleEvidence } from './stale-evidence';
import { unknownReference } from './unknown-reference';

export const REQUIREMENT_RULES: readonly RequirementRule[] = [
  singleDeal,
  salesOnly,
  noEvidence,
  roadmapGate,
  duplicateEvidence,
  staleEvidence,
  futureEvidence,
];

/** The rules that read today's date: their findings change with the day, not with the file. */
export const DATE_RULES: readonly RequirementRule[] = [staleEvidence, futureEvidence];

export const WORKSPACE_RULES: readonly WorkspaceRule[] = [duplicateId, unknownReference, dependencyCycle];

const PARSER_CODES: RuleMeta[] = [
  { code: 'yaml-syntax', defaultSeverity: 'error', summary: 'The text is not valid YAML (including duplicate keys and alias abuse).' },
  { code: 'schema', defaultSeverity: 'error', summary: 'Wrong shape: unknown key, missing key, wrong type, value not allowed, bad date or id.' },
  { code: 'file-too-large', defaultSeverity: 'information', summary: "The file is larger than the policy's max-file-kb and is not checked." },
];

export const ALL_RULES: readonly RuleMeta[] = [...PARSER_CODES, ...WORKSPACE_RULES, ...REQUIREMENT_RULES];

export const DEFAULT_SEVERITY = Object.fromEntries(ALL_RULES.map((r) => [r.code, r.defaultSeverity])) as Record<
  RuleCode,
  Severity
>;
