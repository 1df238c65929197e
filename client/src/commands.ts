/** The command palette: restart the server, scaffold a requirement, show the log. */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { NewRequirementRequest } from '../../server/src/lsp/protocol';
import { isNewAreaArgs, newArea } from './first-requirement';
import type { NewAreaArgs } from './first-requirement';
import { exportReport, ReportPanel } from './report-panel';
import { STATUS_COMMAND } from './status-bar';

/** The language server as the commands see it: running or not, and started on demand. */
export interface Server {
  client(): LanguageClient | undefined;
  /** Starts it if it is not running (a first requirement file was just written); resolves once it runs. */
  start(): Promise<LanguageClient>;
}

const NOT_RUNNING = 'Inbound starts once the workspace has a requirement file (*.req.yaml). Run "Inbound: New Requirement" to write the first one.';

export function registerCommands(context: vscode.ExtensionContext, server: Server, output: vscode.OutputChannel): void {
  const register = (id: string, run: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register('inbound.restartServer', async () => {
    const c = server.client();
    if (!c) {
      void vscode.window.showInformationMessage(NOT_RUNNING);
      return;
    }
    output.appendLine('Restarting the Inbound server…');
    await restart(c);
  });

  register('inbound.showOutput', () => output.show(true));

  const withClient = (run: (c: LanguageClient) => unknown) => () => {
    const c = server.client();
    if (c) return run(c);
    void vscode.window.showInformationMessage(NOT_RUNNING);
    return undefined;
  };
  register('inbound.showReadiness', withClient((c) => ReportPanel.show(context, c, 'readiness')));
  register('inbound.showConcentration', withClient((c) => ReportPanel.show(context, c, 'concentration')));
  register('inbound.exportReport', withClient((c) => exportReport(c)));

  register(STATUS_COMMAND, async () => {
    // The readiness report once the server runs, else the findings.
    if (server.client()) return vscode.commands.executeCommand('inbound.showReadiness');
    return vscode.commands.executeCommand('workbench.actions.view.problems');
  });

  /**
   * New Requirement: in the requirement file in the editor, or one chosen from the workspace's, or a
   * new file for a new product area (the only choice in a folder with none yet). Given a file's URI,
   * adds to that file; given `{ area, prefix, folder }`, writes that area's file without asking.
   */
  register('inbound.newRequirement', async (target?: unknown) => {
    if (target instanceof vscode.Uri) return addRequirement(server, target);
    if (isNewAreaArgs(target)) return firstRequirement(server, target);
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active && /\.req\.ya?ml$/.test(active.path)) return addRequirement(server, active);
    const files = await vscode.workspace.findFiles('**/*.req.{yaml,yml}', '**/node_modules/**', 500);
    if (!files.length) return firstRequirement(server, {});
    const NEW = '$(new-file) A new product area…';
    const picked = await vscode.window.showQuickPick(
      [
        ...files.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f as vscode.Uri | undefined })).sort((a, b) => a.label.localeCompare(b.label)),
        { label: NEW, description: 'a requirement file of its own', uri: undefined },
      ],
      { placeHolder: 'Add the new requirement to which file?' },
    );
    if (!picked) return undefined;
    return picked.uri ? addRequirement(server, picked.uri) : firstRequirement(server, {});
  });
}

/** A new area's file with its first requirement, opened with the cursor where the title goes. */
async function firstRequirement(server: Server, args: NewAreaArgs): Promise<vscode.Uri | undefined> {
  const made = await newArea(args);
  if (!made) return undefined;
  // An area whose file is there already gets its next requirement in that file.
  if (!made.created) return addRequirement(server, made.file);
  // The first requirement file of the workspace: from now on there is something to check.
  await server.start();
  const editor = await vscode.window.showTextDocument(made.file);
  editor.selection = new vscode.Selection(made.title, made.title);
  return made.file;
}

async function addRequirement(server: Server, uri: vscode.Uri): Promise<vscode.Uri | undefined> {
  const c = server.client() ?? (await server.start());
  const result = await c.sendRequest(NewRequirementRequest, { uri: uri.toString() });
  if (!result) {
    void vscode.window.showWarningMessage(`Inbound could not add a requirement to ${vscode.workspace.asRelativePath(uri)}.`);
    return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, c.protocol2CodeConverter.asPosition(result.edit.range.start), result.edit.newText);
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  const editor = await vscode.window.showTextDocument(uri);
  const at = c.protocol2CodeConverter.asPosition(result.title.start);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return uri;
}

/** Stops the server and starts it again: what the Node client's `restart()` does, for both clients. */
export async function restart(c: LanguageClient): Promise<void> {
  await c.stop();
  await c.start();
}
