/**
 * Inbound's tools for the language models of VS Code's chat (`contributes.languageModelTools`,
 * generated from server/src/tools/definitions.ts by `npm run lm-tools`). Each call is answered by
 * the running language server (`inbound/tool`), so a model sees what the editor shows, unsaved
 * edits included. The one tool that edits asks the person first, and its edit reaches the file
 * through the editor's own API, as a quick fix does: undo works and nothing is saved behind their back.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { ToolRequest } from '../../server/src/lsp/protocol';
import type { ToolPlan, ToolResponse } from '../../server/src/lsp/protocol';

/** The tool that writes: its name as the server and package.json know it. */
const ADD_EVIDENCE = 'inbound_add_evidence';

function result(summary: string, data: unknown): vscode.LanguageModelToolResult {
  // The summary for a person reading along, the facts as compact JSON for the model.
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(summary), new vscode.LanguageModelTextPart(JSON.stringify(data))]);
}

/** A tool that cannot answer throws its one sentence: VS Code hands the message to the model. */
function answered(response: ToolResponse): vscode.LanguageModelToolResult {
  if ('error' in response) throw new Error(response.error);
  if ('plan' in response) throw new Error('Inbound planned an edit where it was asked a question.');
  return result(response.summary, response.data);
}

function planOf(response: ToolResponse): ToolPlan {
  if ('error' in response) throw new Error(response.error);
  if (!('plan' in response)) throw new Error('Inbound answered instead of planning the edit.');
  return response.plan;
}

/** Registers every tool package.json contributes; returns them by name (the extension's tests ask the write tool what it would confirm). */
export function registerLanguageModelTools(context: vscode.ExtensionContext, client: () => Promise<LanguageClient>): Map<string, vscode.LanguageModelTool<object>> {
  const registered = new Map<string, vscode.LanguageModelTool<object>>();
  const ask = async (name: string, input: unknown, extra: Record<string, unknown> = {}): Promise<ToolResponse> =>
    (await client()).sendRequest(ToolRequest, { name, input, ...extra });
  const tools = (context.extension.packageJSON.contributes?.languageModelTools ?? []) as { name: string }[];
  // What the person was shown for each input: the edit made is the one they confirmed, or none.
  const confirmed = new Map<string, string>();
  for (const { name } of tools) {
    const tool: vscode.LanguageModelTool<object> =
      name === ADD_EVIDENCE
        ? {
            // The edit is planned here to show it; invoke plans it again on the text as it is then.
            async prepareInvocation(options) {
              const response = await ask(name, options.input, { step: 'plan' });
              // Nothing will be written: invoke says why, and there is nothing to confirm.
              if ('error' in response || !('plan' in response)) return { invocationMessage: 'Inbound: adding evidence' };
              const { plan } = response;
              confirmed.set(JSON.stringify(options.input), plan.description + plan.inserted);
              // The sentence as text (Markdown's characters escaped: the file's words are inert), then the lines as they will read.
              const message = new vscode.MarkdownString(plan.description.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&'));
              message.appendCodeblock(plan.inserted, 'yaml');
              return {
                invocationMessage: `Inbound: adding evidence to ${plan.after.id}`,
                confirmationMessages: { title: `Add evidence to ${plan.after.id}?`, message },
              };
            },
            async invoke(options) {
              const plan = planOf(await ask(name, options.input, { step: 'plan' }));
              const shown = confirmed.get(JSON.stringify(options.input));
              confirmed.delete(JSON.stringify(options.input));
              if (shown !== undefined && shown !== plan.description + plan.inserted) {
                throw new Error(`${plan.fileName} changed after the edit was confirmed, and it would now go elsewhere; nothing was changed: call the tool again.`);
              }
              await applyPlan(plan);
              const after = await ask(name, options.input, { step: 'applied', after: plan.after });
              if ('error' in after || 'plan' in after) return answered(after);
              return result(`${after.summary}\nThe file is changed in the editor and not yet saved.`, after.data);
            },
          }
        : { invoke: async (options) => answered(await ask(name, options.input)) };
    context.subscriptions.push(vscode.lm.registerTool(name, tool));
    registered.set(name, tool);
  }
  return registered;
}

/** The plan's edits, applied only to the text they were planned on. */
async function applyPlan(plan: ToolPlan): Promise<void> {
  const uri = vscode.Uri.parse(plan.uri);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if ((open?.version ?? null) !== plan.version) {
    throw new Error(`${plan.fileName} changed while the edit was planned; nothing was changed: call the tool again.`);
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of plan.edits) {
    const range = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
    edit.replace(uri, range, e.newText);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code did not apply the edit to ${plan.fileName}; nothing was changed.`);
}
