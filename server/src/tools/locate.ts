/**
 * A requirement by the id an assistant gives (and, where the id is used twice, the file), or one
 * sentence saying why there is none: the closest id, the copies to choose from, the file that
 * cannot be read.
 */
import type { Requirement } from '../engine';
import { closest } from '../engine/did-you-mean';
import { judgeFile } from '../engine/report';
import type { JudgedFile } from '../engine/report';
import { ToolError } from './errors';
import type { ScopeProject, ToolScope } from './scope';
import { filesOf, normalName } from './scope';

export interface Located {
  project: ScopeProject;
  file: string;
  req: Requirement;
  judged: JudgedFile;
}

/** The file a name stands for, among the files the scope shows; a ToolError naming the closest one. */
export function fileNamed(scope: ToolScope, name: string, withConfigs = false): { project: ScopeProject; file: string } {
  const wanted = normalName(name);
  const all: { project: ScopeProject; file: string; name: string }[] = [];
  for (const project of scope.projects) {
    const config = project.workspace.configFile;
    if (withConfigs && project.showConfig && config !== undefined) all.push({ project, file: config, name: scope.fileName(config) });
    for (const file of filesOf(project)) if (project.workspace.has(file)) all.push({ project, file, name: scope.fileName(file) });
  }
  const exact = all.find((f) => f.name === wanted);
  if (exact) return exact;
  // Only the file's own name, when one file has it.
  const bare = all.filter((f) => f.name.split('/').pop() === wanted);
  if (bare.length === 1) return bare[0];
  if (bare.length > 1) throw new ToolError(`There are ${bare.length} files named ${wanted} (${bare.map((f) => f.name).join(', ')}); name one with its folder.`);
  const near = closest(wanted, all.map((f) => f.name)) ?? closest(wanted.split('/').pop()!, all.map((f) => f.name.split('/').pop()!));
  const nearName = near && (all.find((f) => f.name === near) ?? all.find((f) => f.name.split('/').pop() === near))?.name;
  throw new ToolError(
    `No requirement file ${wanted} in this project${nearName ? `; the closest is ${nearName}` : all.length ? `; the files are ${all.slice(0, 8).map((f) => f.name).join(', ')}${all.length > 8 ? ', …' : ''}` : ''}.`,
  );
}

/** The requirement with this id (in `file`, if given), judged; a ToolError saying why there is none. */
export function locate(scope: ToolScope, id: string, file?: string): Located {
  const inFile = file === undefined ? undefined : fileNamed(scope, file);
  const found: { project: ScopeProject; file: string; req: Requirement }[] = [];
  const ids = new Set<string>();
  const collect = (match: (candidate: string) => boolean) => {
    for (const project of scope.projects) {
      if (inFile && inFile.project !== project) continue;
      const shown = new Set(filesOf(project));
      for (const [candidate, defs] of project.workspace.catalog().definitions) {
        for (const def of defs) {
          if (!shown.has(def.file) || (inFile && def.file !== inFile.file)) continue;
          ids.add(candidate);
          if (match(candidate)) found.push({ project, file: def.file, req: def.requirement });
        }
      }
    }
  };
  collect((candidate) => candidate === id);
  // "chk-102" is what a person means by CHK-102, when nothing else is spelt so.
  if (found.length === 0) {
    collect((candidate) => candidate.toLowerCase() === id.toLowerCase());
    if (new Set(found.map((f) => f.req.id)).size > 1) found.length = 0;
  }
  const where = inFile ? ` in ${scope.fileName(inFile.file)}` : ' in this project';
  if (found.length === 0) {
    const near = closest(id, [...ids]);
    throw new ToolError(`No requirement ${id}${where}${near ? `; the closest is ${near}` : ''}.`);
  }
  if (found.length > 1) {
    const places = found.map((f) => `${scope.fileName(f.file)}:${f.project.workspace.get(f.file)!.lines.positionAt(f.req.span.start).line + 1}`);
    const sameFile = new Set(found.map((f) => f.file)).size === 1;
    throw new ToolError(
      `${found[0].req.id} is the id of ${found.length} requirements (${places.join(', ')}): ${sameFile ? 'give one of them the next free id first' : 'name the file as well'}.`,
    );
  }
  const [{ project, file: at, req }] = found;
  const judged = judgeFile(project.workspace, at)!;
  if (judged.unread) {
    const line = judged.analysis.lines.positionAt(judged.unread.span.start).line + 1;
    throw new ToolError(`${req.id} is in ${scope.fileName(at)}, which Inbound cannot read (line ${line}: ${judged.unread.message.replace(/\.$/, '')}); fix that first.`);
  }
  return { project, file: at, req, judged };
}
