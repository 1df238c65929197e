import { daysBetween } from '../clock';
import { isClosed, name } from './rule';
import type { RequirementRule } from './rule';

/**
 * Markets move: evidence older than the policy's limit may no longer hold. Shipped and rejected
 * requirements are decided, so their old evidence is history, not a risk.
 */
export const staleEvidence: RequirementRule = {
  code: 'stale-evidence',
  defaultSeverity: 'information',
  scope: 'requirement',
  summary: "An evidence date is older than the policy's age limit.",
  check(req, { policy, today }) {
    if (isClosed(req)) return [];
    const out = [];
    for (const e of req.evidence) {
      if (!e.date || !e.dateSpan) continue;
      const age = daysBetween(e.date, today);
      if (age <= policy.staleAfterDays) continue;
      out.push({
        code: 'stale-evidence' as const,
        message: `This ${e.kind ?? 'evidence'} for ${name(req)} is ${age} days old (${e.date}); the limit is ${policy.staleAfterDays}. The market may have moved: refresh it or add newer evidence.`,
        span: e.dateSpan,
        data: { age },
      });
    }
    return out;
  },
};
