/**
 * Reports: the one model and its renderings. What the language server and the extension use:
 * - `buildReport(workspace)` → `Report`, plain JSON (the `inbound/report` request's result);
 * - `renderReportHtml(report, { target: 'webview', nonce, cspSource, view })` → the webview page,
 *   which posts `{ type: 'open', file, line }` (`OpenMessage`) when a requirement is clicked;
 * - `renderReport(report, format)` → the text of an export (md, html, csv, json).
 * All of it is pure: no editor, file system or process.
 */
import type { Report } from '../engine/report';
import { renderReportCsv } from './csv';
import { renderReportHtml, REPORT_VIEWS } from './html/document';
import { renderReportJson } from './json';
import { renderReportMarkdown } from './markdown';

export { buildReport, VERDICTS } from '../engine/report';
export type * from '../engine/report';
export { renderReportCsv, inertCell } from './csv';
export { renderReportHtml, contentSecurityPolicy, REPORT_VIEWS, VIEW_HEADING } from './html/document';
export type { HtmlOptions, ReportView, WebviewHtmlOptions } from './html/document';
export { renderReportJson } from './json';
export { renderReportMarkdown } from './markdown';
export { VERDICT_LABEL, VERDICT_MEANING, evidenceSummary, roadmapHeadline, roadmapDetail, unreadSummary } from './words';

/** What the webview posts when a requirement (or a stale item, or a silenced finding) is clicked. */
export interface OpenMessage {
  type: 'open';
  /** The report's `file` for it: the workspace's key for the file. */
  file: string;
  /** 0-based. */
  line: number;
}

export function isOpenMessage(value: unknown): value is OpenMessage {
  const m = value as Partial<OpenMessage> | null;
  return (
    typeof m === 'object' && m !== null && m.type === 'open' && typeof m.file === 'string' && Number.isInteger(m.line) && (m.line as number) >= 0
  );
}

/** What the webview posts when a tab is chosen: the editor's tab takes that view's title. */
export interface ViewMessage {
  type: 'view';
  view: (typeof REPORT_VIEWS)[number];
}

export function isViewMessage(value: unknown): value is ViewMessage {
  const m = value as Partial<ViewMessage> | null;
  return typeof m === 'object' && m !== null && m.type === 'view' && (REPORT_VIEWS as readonly unknown[]).includes(m.view);
}

export const REPORT_FORMATS = ['md', 'html', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The format a file name asks for (`readiness.html` → html), if any. */
export function formatFromFileName(name: string): ReportFormat | undefined {
  const ext = /\.([A-Za-z]+)$/.exec(name)?.[1]?.toLowerCase();
  switch (ext) {
    case 'md':
    case 'markdown':
      return 'md';
    case 'html':
    case 'htm':
      return 'html';
    case 'csv':
      return 'csv';
    case 'json':
      return 'json';
    default:
      return undefined;
  }
}

/** An export's text, for the CLI and the editor's "Export Report…" alike. */
export function renderReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case 'md':
      return renderReportMarkdown(report);
    case 'html':
      return renderReportHtml(report);
    case 'csv':
      return renderReportCsv(report);
    case 'json':
      return renderReportJson(report);
  }
}
