import { completeEvidence, isClosed, listNames, MARKET_ADVICE, name } from './rule';
import type { RequirementRule } from './rule';

/** One loud deal is not a market: all the evidence is sales evidence from one account. */
export const singleDeal: RequirementRule = {
  code: 'single-deal',
  defaultSeverity: 'warning',
  scope: 'requirement',
  summary: 'The requirement rests on the sales evidence of a single account.',
  check(req) {
    const evidence = completeEvidence(req);
    if (isClosed(req) || evidence.length === 0 || !req.evidenceKeySpan) return [];
    if (evidence.some((e) => e.class !== 'sales')) return [];
    const accounts = new Set(evidence.map((e) => e.accountKey));
    if (accounts.size !== 1) return [];
    const account = evidence[0].account ?? 'one account';
    const deals = [...new Set(evidence.map((e) => e.deal ?? (e.kind === 'rfp' ? 'an RFP' : e.kind ?? '')))];
    const what =
      deals.length === 1 && evidence.every((e) => e.kind === 'sales-deal')
        ? `one sales deal (${account}, ${deals[0]})`
        : `the sales conversations of one account (${account}: ${listNames(deals)})`;
    return [
      {
        code: 'single-deal',
        message: `${name(req)} rests on ${what}. What one customer wants is not what every customer wants: ${MARKET_ADVICE}`,
        span: req.evidenceKeySpan,
        data: { account },
      },
    ];
  },
};
