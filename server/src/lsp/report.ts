/**
 * The report model for the editor: files named by URI, so a click in the webview opens the right
 * one; or, for an export, by path relative to a folder, as `inbound report` names them.
 */
import { relative, sep } from 'node:path';
import { buildReport } from '../engine/report';
import type { Report } from '../engine/report';
import type { Project } from './projects';
import { fileOf, uriOf } from './projects';

export function reportFor(project: Project, relativeTo?: string): Report {
  if (relativeTo === undefined) return buildReport(project.workspace, { fileName: uriOf });
  const folder = fileOf(relativeTo);
  return buildReport(project.workspace, { fileName: (file) => relative(folder, file).split(sep).join('/') || file });
}
