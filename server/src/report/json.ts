/** The report model as JSON: what the language server sends, and what other tools can read. */
import type { Report } from '../engine/report';

export function renderReportJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
