import { evidenceOf, sameVoiceNote } from '../independence';
import { capitalise, isClosed, listNames, MARKET_ADVICE, name } from './rule';
import type { RequirementRule } from './rule';

/**
 * One loud deal is not a market: the sales evidence all comes from one account, and nothing
 * independent of that account backs it (an interview with the same customer is the same voice).
 */
export const singleDeal: RequirementRule = {
  code: 'single-deal',
  defaultSeverity: 'warning',
  scope: 'requirement',
  summary: 'The requirement rests on the sales evidence of a single account, with no independent market evidence.',
  check(req) {
    const read = evidenceOf(req);
    const sales = read.sales;
    if (isClosed(req) || sales.length === 0 || read.independent.length > 0 || !req.evidenceKeySpan) return [];
    const accounts = new Set(sales.map((e) => e.accountKey));
    if (accounts.size !== 1) return [];
    const account = sales[0].account ?? 'one account';
    const deals = [...new Set(sales.map((e) => e.deal ?? (e.kind === 'rfp' ? 'an RFP' : e.kind ?? '')))];
    const what =
      deals.length === 1 && sales.every((e) => e.kind === 'sales-deal')
        ? `one sales deal (${account}, ${deals[0]})`
        : `the sales conversations of one account (${account}: ${listNames(deals)})`;
    const note = sameVoiceNote(read);
    return [
      {
        code: 'single-deal',
        message: `${name(req)} rests on ${what}.${note ? ` ${capitalise(note)}.` : ''} What one customer wants is not what every customer wants: ${MARKET_ADVICE}`,
        span: req.evidenceKeySpan,
        data: { account },
      },
    ];
  },
};
