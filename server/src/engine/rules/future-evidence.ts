import { daysBetween } from '../clock';
import { name } from './rule';
import type { RequirementRule } from './rule';

/** Evidence from the future is a typo, or a plan dressed up as a fact. */
export const futureEvidence: RequirementRule = {
  code: 'future-evidence',
  defaultSeverity: 'warning',
  scope: 'requirement',
  summary: 'An evidence date is after today.',
  check(req, { today }) {
    const out = [];
    for (const e of req.evidence) {
      if (!e.date || !e.dateSpan) continue;
      const ahead = daysBetween(today, e.date);
      if (ahead <= 0) continue;
      out.push({
        code: 'future-evidence' as const,
        message: `This ${e.kind ?? 'evidence'} for ${name(req)} is dated ${e.date}, ${ahead} day${ahead === 1 ? '' : 's'} from now. Evidence is what already happened: correct the date.`,
        span: e.dateSpan,
      });
    }
    return out;
  },
};
