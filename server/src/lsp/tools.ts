/**
 * The `inbound/tool` request: the VS Code extension's language-model tools, answered by the tools
 * of server/src/tools over the projects the server holds, with every open document's unsaved text
 * given to the engine first. In Restricted Mode the projects already check ids against the default
 * pattern (see `Project.applyConfig`), so no tool runs the workspace's own regular expression.
 */
import { basename, relative, sep } from 'node:path';
import { ADD_EVIDENCE, afterEdit, answerTool, planTool, ToolError } from '../tools';
import type { ScopeProject, ToolScope } from '../tools';
import { isInside } from '../paths/project-globs';
import type { Projects } from './projects';
import { uriOf } from './projects';
import type { ToolParams, ToolResponse } from './protocol';
import type { ServerState } from './server-state';

/**
 * The server's projects as the tools see them. A file is named relative to the workspace folder
 * that holds it (prefixed with the folder's name when there are several), as a person sees it in
 * the explorer.
 */
export function editorScope(projects: Projects): ToolScope {
  // The workspace folders' projects only: a file opened from elsewhere is checked in the editor, but
  // it is not the project's, and a model is not told about it.
  const all = projects.all().filter((p) => p.root !== undefined && (p.workspace.fileNames().length > 0 || p.workspace.configFile !== undefined));
  const roots = projects.openedRoots();
  const fileName = (file: string): string => {
    const root = roots.filter((r) => isInside(file, r)).sort((a, b) => b.length - a.length)[0];
    if (root === undefined) return uriOf(file);
    const parts = [...(roots.length > 1 ? [basename(root)] : []), ...relative(root, file).split(sep).filter(Boolean)];
    return parts.join('/') || '.';
  };
  const scoped: ScopeProject[] = all.map((p) => ({
    workspace: p.workspace,
    showConfig: p.workspace.configFile !== undefined,
    ...(all.length > 1 ? { label: fileName(p.root!) } : {}),
  }));
  return { projects: scoped, fileName };
}

export function answerToolRequest(state: ServerState, params: ToolParams): ToolResponse {
  try {
    const scope = editorScope(state.fresh());
    if (params.name !== ADD_EVIDENCE) return answerTool(params.name, params.input, scope);
    if (params.step === 'applied' && params.after) return afterEdit(params.after as Parameters<typeof afterEdit>[0], scope);
    const plan = planTool(params.name, params.input, scope);
    const lines = state.projects.forFile(plan.file).workspace.linesOf(plan.file)!;
    const uri = uriOf(plan.file);
    return {
      plan: {
        description: plan.description,
        inserted: plan.inserted,
        fileName: plan.fileName,
        uri,
        version: state.versionOf(uri),
        edits: plan.edits.map((e) => ({ range: lines.rangeOf(e.span.start, e.span.end), newText: e.newText })),
        after: { id: plan.id, fileName: plan.fileName, item: plan.item, before: plan.before },
      },
    };
  } catch (e) {
    if (e instanceof ToolError) return { error: e.message };
    throw e;
  }
}
