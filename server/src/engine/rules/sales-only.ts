import { evidenceOf, sameVoiceNote } from '../independence';
import { capitalise, countWord, isClosed, listNames, MARKET_ADVICE, name } from './rule';
import type { RequirementRule } from './rule';

/** Several deals are still several sales conversations, not the market. */
export const salesOnly: RequirementRule = {
  code: 'sales-only',
  defaultSeverity: 'warning',
  scope: 'requirement',
  summary: 'Sales evidence from two or more accounts and no independent market evidence.',
  check(req) {
    const read = evidenceOf(req);
    if (isClosed(req) || !req.evidenceKeySpan || read.independent.length > 0) return [];
    const accounts = new Map<string, string>();
    for (const e of read.sales) if (e.accountKey && !accounts.has(e.accountKey)) accounts.set(e.accountKey, e.account!);
    if (accounts.size < 2) return [];
    const names = [...accounts.values()];
    const note = sameVoiceNote(read);
    return [
      {
        code: 'sales-only',
        message: `${name(req)} is asked for only in sales conversations (${listNames(names)}).${note ? ` ${capitalise(note)}.` : ''} ${countWord(names.length)} loud customers are not a market: ${MARKET_ADVICE}`,
        span: req.evidenceKeySpan,
        data: { accounts: names },
      },
    ];
  },
};
