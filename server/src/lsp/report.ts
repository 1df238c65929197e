/** The report model for the editor's views: files named by URI, so a click opens the right one. */
import { buildReport } from '../engine/report';
import type { Report } from '../engine/report';
import type { Project } from './projects';
import { uriOf } from './projects';

export function reportFor(project: Project): Report {
  return buildReport(project.workspace, { fileName: uriOf });
}
