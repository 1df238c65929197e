/**
 * One tool call of `inbound mcp`, answered from the folder as it is on disk now. The write tool
 * plans its edit with the tools (the quick fix's inserter), applies it to the file only if the
 * file still holds the text it was planned on, and answers from the folder read again: the file
 * re-checked, as a person would see it in the editor.
 */
import { ADD_EVIDENCE, afterEdit, answerTool, planTool, ToolError } from '../../tools';
import type { ToolAnswer } from '../../tools';
import { ChangedSincePlanned, editFileSync } from '../../node/edit-file';
import { OutsideProject } from '../../node/read-text';
import { SymbolicLinkTarget } from '../../node/replace-file';
import { UsageError } from '../../node/usage-error';
import { reason } from '../../node/load-projects';
import { folderScope } from './scope';
import type { McpOptions } from './server';
import { offeredTools } from './server';

export function callTool(name: string, args: unknown, options: Pick<McpOptions, 'folder' | 'today' | 'allowEdits'>): ToolAnswer {
  if (name === ADD_EVIDENCE && !options.allowEdits) {
    throw new ToolError(`${ADD_EVIDENCE} changes files, and this server is read-only: it offers the tool when started as 'inbound mcp --allow-edits'. Nothing was changed.`);
  }
  const offered = offeredTools(options.allowEdits);
  const { scope, projectOf } = load(options);
  if (name !== ADD_EVIDENCE) return answerTool(name, args, scope, offered);
  const plan = planTool(name, args, scope);
  const project = projectOf(plan.file);
  if (!project) throw new ToolError(`${plan.fileName} is not in a project of this folder; nothing was changed.`);
  try {
    editFileSync(plan.file, { root: project.root, planned: plan.text, edits: plan.edits, maxBytes: project.workspace.policy.maxFileKb * 1024 });
  } catch (e) {
    throw new ToolError(`${plan.fileName} was not changed: ${writeProblem(e)}.`);
  }
  return afterEdit(plan, load(options).scope);
}

function load(options: Pick<McpOptions, 'folder' | 'today'>) {
  try {
    return folderScope(options.folder, options.today);
  } catch (e) {
    // A config that cannot be read: what `inbound check` says on stderr, as the call's one sentence.
    if (e instanceof UsageError) throw new ToolError(`Inbound ${e.message}.`);
    throw e;
  }
}

function writeProblem(e: unknown): string {
  if (e instanceof ChangedSincePlanned) return 'it changed on disk while the edit was planned; call the tool again to add the item to the file as it is now';
  if (e instanceof SymbolicLinkTarget) return `it is a symbolic link (to ${e.target}), and Inbound writes only through plain files`;
  if (e instanceof OutsideProject) return 'it lies outside the folder, through a symbolic link';
  return reason(e);
}
