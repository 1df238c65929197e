import { marketEvidence, name, statusPhrase } from './rule';
import type { RequirementRule } from './rule';

/** Nothing enters the roadmap without market evidence, unless someone accountable waived it. */
export const roadmapGate: RequirementRule = {
  code: 'roadmap-gate',
  defaultSeverity: 'error',
  scope: 'requirement',
  summary: 'A roadmap requirement has less market evidence than the policy asks for, and no complete waiver.',
  check(req, { policy }) {
    if (!req.status || !req.statusSpan || !policy.roadmapStatuses.includes(req.status)) return [];
    const market = marketEvidence(req).length;
    const needed = policy.minMarketEvidence;
    if (market >= needed || req.waiver?.complete) return [];
    const has = market === 0 ? 'no market evidence' : `${market} market evidence item${market === 1 ? '' : 's'}`;
    return [
      {
        code: 'roadmap-gate',
        message: `${name(req)} is ${statusPhrase(req.status)} with ${has}; the roadmap needs ${needed}. Add market evidence, move it back to validated, or record a waiver approved by someone accountable.`,
        span: req.statusSpan,
        data: { market, needed },
      },
    ];
  },
};
