import { name } from './rule';
import type { RequirementRule } from './rule';

/** The same deal listed twice counts one voice twice. */
export const duplicateEvidence: RequirementRule = {
  code: 'duplicate-evidence',
  defaultSeverity: 'warning',
  scope: 'requirement',
  summary: 'The same account and deal appears twice in one requirement.',
  check(req) {
    const seen = new Map<string, { index: number; account: string }>();
    const out = [];
    for (const e of req.evidence) {
      if (e.kind !== 'sales-deal' || !e.accountKey || !e.deal || !e.dealSpan) continue;
      const key = `${e.accountKey}\u0000${e.deal.toLowerCase()}`;
      const first = seen.get(key);
      if (first === undefined) {
        // The account as first written names it in the message; later copies may differ in case.
        seen.set(key, { index: e.index, account: e.account! });
        continue;
      }
      out.push({
        code: 'duplicate-evidence' as const,
        message: `${name(req)} lists deal ${e.deal} of ${first.account} twice (evidence ${first.index + 1} and ${e.index + 1}). One deal is one voice: remove the duplicate.`,
        span: e.dealSpan,
        data: { evidenceIndex: e.index },
      });
    }
    return out;
  },
};
