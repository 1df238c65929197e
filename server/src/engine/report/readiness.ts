/**
 * The verdict on one requirement, read from the findings the engine shows for it, so the report
 * can never tell a product manager something the editor and CI do not. Where a verdict needs a fact
 * no finding carries (would it pass the gate if it were on the roadmap? is a waiver what lets it
 * through?), the roadmap-gate rule itself is asked, never a second copy of its logic.
 */
import type { RuleCode } from '../../../../schemas/config';
import type { Status } from '../../../../schemas/primitives';
import type { Requirement } from '../model';
import { roadmapGate } from '../rules/roadmap-gate';
import type { RuleContext } from '../rules/rule';
import type { Verdict } from './types';

const AT_RISK: readonly RuleCode[] = ['single-deal', 'sales-only'];

export function isClosedStatus(status: Status | undefined): boolean {
  return status === 'shipped' || status === 'rejected';
}

export function isOnRoadmap(req: Requirement, ctx: RuleContext): boolean {
  return req.status !== undefined && ctx.policy.roadmapStatuses.includes(req.status);
}

/** `shown`: the codes of the findings shown on this requirement, after the policy and suppressions. */
export function verdictOf(req: Requirement, shown: ReadonlySet<RuleCode>, ctx: RuleContext): Verdict {
  // The gate's finding first: a policy may (oddly) count shipped or rejected as roadmap statuses.
  if (shown.has('roadmap-gate')) return 'blocked';
  if (isClosedStatus(req.status)) return 'closed';
  // A waiver is a decision by someone accountable about exactly this gap: it outranks the warnings
  // that describe the gap (a waived item without market evidence is single-deal or sales-only).
  if (isWaivedThrough(req, ctx)) return 'waived';
  if (AT_RISK.some((code) => shown.has(code))) return 'at-risk';
  if (shown.has('no-evidence')) return 'no-evidence';
  return passesGate(req, ctx) ? 'ready' : 'gathering';
}

/** On the roadmap only because of its waiver: the gate would stop it without one. */
export function isWaivedThrough(req: Requirement, ctx: RuleContext): boolean {
  if (!req.waiver?.complete || !isOnRoadmap(req, ctx)) return false;
  if (ctx.policy.rules['roadmap-gate'] === 'off') return false;
  return !passesGate(req, ctx);
}

/**
 * Would the roadmap gate let this requirement through on its evidence alone, were it on the
 * roadmap? Asks the rule with the requirement moved onto the roadmap and its waiver set aside.
 */
export function passesGate(req: Requirement, ctx: RuleContext): boolean {
  const roadmapStatus = isOnRoadmap(req, ctx) ? req.status : (ctx.policy.roadmapStatuses[0] as Status | undefined);
  if (!roadmapStatus) return false;
  const probe: Requirement = {
    ...req,
    status: roadmapStatus,
    statusSpan: req.statusSpan ?? req.headSpan,
    waiver: undefined,
  };
  return roadmapGate.check(probe, ctx).length === 0;
}
