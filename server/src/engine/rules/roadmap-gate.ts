import { STATUSES } from '../../../../schemas/primitives';
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
    const back = stepBack(req.status, policy.roadmapStatuses);
    const options = [`add market evidence`, ...(back ? [`move it back to ${back}`] : []), `record a waiver approved by someone accountable`];
    const said = options.length === 3 ? `${options[0]}, ${options[1]}, or ${options[2]}` : options.join(' or ');
    return [
      {
        code: 'roadmap-gate',
        message: `${name(req)} is ${statusPhrase(req.status)} with ${has}; the roadmap needs ${needed}. ${said.charAt(0).toUpperCase()}${said.slice(1)}.`,
        span: req.statusSpan,
        data: { market, needed, ...(back ? { stepBack: back } : {}) },
      },
    ];
  },
};

/**
 * The status to step back to: the latest one before this that is not a roadmap status (validated,
 * unless the policy counts validated as roadmap too).
 */
function stepBack(status: string, roadmapStatuses: readonly string[]): string | undefined {
  const at = (STATUSES as readonly string[]).indexOf(status);
  for (let i = at - 1; i >= 0; i--) {
    const s = STATUSES[i];
    if (!roadmapStatuses.includes(s) && s !== 'rejected' && s !== 'shipped') return s;
  }
  return undefined;
}
