/**
 * The roadmap diff: two report models (base and head, each judged with its own config) → what the
 * change does to the roadmap. Pure: git, the file system and the editor only supply the texts.
 */
import type { RoadmapDiff } from './types';

export { diffReports } from './diff-reports';
export type { DiffInput, ProjectReport } from './diff-reports';
export { compareItems, contentSignature, itemKey } from './evidence';
export { CAUSES } from './types';
export type * from './types';

export const FAIL_ON = ['blocked', 'at-risk', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/**
 * Whether the change fails review: it puts on the roadmap a requirement the gate blocks, or newly
 * blocks one already there (`blocked`); `at-risk` adds those it puts there, or turns, at risk or
 * without evidence; `never` reports and passes.
 */
export function failsReview(diff: RoadmapDiff, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  if (diff.attention.blocked.length) return true;
  return failOn === 'at-risk' && diff.attention.atRisk.length > 0;
}
