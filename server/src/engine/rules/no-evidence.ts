import { name, statusPhrase } from './rule';
import type { RequirementRule } from './rule';

const NEEDS_EVIDENCE = new Set(['proposed', 'validated', 'roadmap', 'in-progress']);

/** A proposal with nothing behind it is an opinion. */
export const noEvidence: RequirementRule = {
  code: 'no-evidence',
  defaultSeverity: 'warning',
  scope: 'requirement',
  summary: 'A proposed, validated, roadmap or in-progress requirement has no evidence.',
  check(req) {
    if (!req.status || !NEEDS_EVIDENCE.has(req.status) || req.evidence.length > 0) return [];
    const span = req.evidenceKeySpan ?? req.idSpan ?? req.headSpan;
    return [
      {
        code: 'no-evidence',
        message: `${name(req)} is ${statusPhrase(req.status)} but has no evidence. Who asked for it, and how many more have the problem? Add evidence: an interview, support tickets, a metric or research.`,
        span,
      },
    ];
  },
};
