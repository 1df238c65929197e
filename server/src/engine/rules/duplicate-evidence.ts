import { name } from './rule';
import type { RequirementRule } from './rule';

/** The same deal listed twice counts one voice twice. */
export const duplicateEvidence: RequirementRule = {
  code: 'duplicate-evidence',
  defaultSeverity: 'warning',
  scope: 'requirement',
  summary: 'The same account and deal appears twice in one requirement.',
  check(req) {
    const seen = new Map<string, number>();
    const out = [];
    for (const e of req.evidence) {
      if (e.kind !== 'sales-deal' || !e.accountKey || !e.deal || !e.dealSpan) continue;
      const key = `${e.accountKey}\u0000${e.deal.toLowerCase()}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, e.index);
        continue;
      }
      out.push({
        code: 'duplicate-evidence' as const,
        message: `${name(req)} lists deal ${e.deal} of ${e.account} twice (evidence ${first + 1} and ${e.index + 1}). One deal is one voice: remove the duplicate.`,
        span: e.dealSpan,
        data: { evidenceIndex: e.index },
      });
    }
    return out;
  },
};
