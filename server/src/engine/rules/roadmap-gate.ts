import { STATUSES } from '../../../../schemas/primitives';
import { evidenceOf, sameVoiceNote } from '../independence';
import { capitalise, name, statusPhrase } from './rule';
import type { RequirementRule } from './rule';

/** Nothing enters the roadmap without market evidence, unless someone accountable waived it. */
export const roadmapGate: RequirementRule = {
  code: 'roadmap-gate',
  defaultSeverity: 'error',
  scope: 'requirement',
  summary: 'A roadmap requirement has less market evidence than the policy asks for, and no complete waiver.',
  check(req, { policy }) {
    if (!req.status || !req.statusSpan || !policy.roadmapStatuses.includes(req.status)) return [];
    const read = evidenceOf(req);
    // Only independent market evidence counts: an interview with the deal's own account is the deal again.
    const market = read.independent.length;
    const needed = policy.minMarketEvidence;
    if (market >= needed || req.waiver?.complete) return [];
    const note = sameVoiceNote(read);
    const kind = note ? 'independent market evidence' : 'market evidence';
    const has = market === 0 ? `no ${kind}` : `${market} ${kind} item${market === 1 ? '' : 's'}`;
    const selfApproved = req.waiver?.selfApproved ? req.waiver.approvedBy : undefined;
    const back = stepBack(req.status, policy.roadmapStatuses);
    const options = [
      `add market evidence`,
      ...(back ? [`move it back to ${back}`] : []),
      selfApproved ? `have the waiver approved by someone accountable other than the owner` : `record a waiver approved by someone accountable`,
    ];
    const said = options.length === 3 ? `${options[0]}, ${options[1]}, or ${options[2]}` : options.join(' or ');
    const waiver = selfApproved
      ? ` Its waiver is approved by its own owner (${selfApproved}): nobody approves their own exception, so an approver other than the owner is needed.`
      : '';
    return [
      {
        code: 'roadmap-gate',
        message: `${name(req)} is ${statusPhrase(req.status)} with ${has}${note ? ` (${note})` : ''}; the roadmap needs ${needed}.${waiver} ${capitalise(said)}.`,
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
