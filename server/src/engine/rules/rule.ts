/** The contract of a rule: one file per rule, pure, reading the model and the policy. */
import type { Policy, RuleCode } from '../../../../schemas/config';
import type { Requirement, RequirementFile } from '../model';
import type { Finding, Severity } from '../types';

export interface RuleContext {
  policy: Policy;
  /** Today, YYYY-MM-DD, from the one clock. */
  today: string;
}

export interface RuleMeta {
  code: RuleCode;
  defaultSeverity: Severity;
  /** One line for the rule reference and hover. */
  summary: string;
}

/** Looks at one requirement at a time: re-run only for requirements that changed. */
export interface RequirementRule extends RuleMeta {
  scope: 'requirement';
  check(req: Requirement, ctx: RuleContext): Finding[];
}

export interface WorkspaceFile {
  file: string;
  model: RequirementFile;
}

/** Looks across every file (ids, references, cycles); findings keyed by file. */
export interface WorkspaceRule extends RuleMeta {
  scope: 'workspace';
  check(files: readonly WorkspaceFile[], ctx: RuleContext): Map<string, Finding[]>;
}

export function isClosed(req: Requirement): boolean {
  return req.status === 'shipped' || req.status === 'rejected';
}

export function name(req: Requirement): string {
  return req.id ?? 'This requirement';
}

/** "Acme GmbH", "Acme GmbH and Initech", "Acme GmbH, Initech and 3 more". */
export function listNames(names: string[], max = 3): string {
  if (names.length <= 1) return names.join('');
  if (names.length <= max) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export const MARKET_ADVICE =
  'add market evidence — interviews, support tickets, usage metrics or research — before it goes on the roadmap.';

/** "on the roadmap", "in progress", "proposed": a status as a person says it. */
export function statusPhrase(status: string): string {
  if (status === 'roadmap') return 'on the roadmap';
  if (status === 'in-progress') return 'in progress';
  return status;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Two", "Three" … for a sentence's first word; digits from eleven on. */
export function countWord(n: number): string {
  const words = ['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'];
  return words[n] ?? String(n);
}
