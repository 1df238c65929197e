/**
 * The roadmap diff's renderings, for the CLI and the editor alike: Markdown (a pull-request comment
 * or job summary), JSON (the model itself) and HTML (self-contained, or the webview's page).
 */
import type { RoadmapDiff } from '../engine/diff';
import { renderDiffHtml } from './diff-html';
import { renderDiffMarkdown } from './diff-markdown';

export { renderDiffHtml, diffTitle, DIFF_HEADING } from './diff-html';
export type { DiffHtmlOptions } from './diff-html';
export { renderDiffMarkdown } from './diff-markdown';
export { diffHeadline } from './diff-words';

export const DIFF_FORMATS = ['md', 'json', 'html'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export function renderDiff(diff: RoadmapDiff, format: DiffFormat): string {
  switch (format) {
    case 'md':
      return renderDiffMarkdown(diff);
    case 'json':
      return JSON.stringify(diff, null, 2) + '\n';
    case 'html':
      return renderDiffHtml(diff);
  }
}
