/** The command palette: restart the server, scaffold a requirement, show the log. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NewRequirementRequest } from '../../server/src/lsp/protocol';
import { exportReport, ReportPanel } from './report-panel';
import { STATUS_COMMAND } from './status-bar';

export function registerCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, output: vscode.OutputChannel): void {
  const register = (id: string, run: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register('inbound.restartServer', async () => {
    const c = client();
    if (!c) {
      void vscode.window.showInformationMessage('Inbound starts once the workspace has a requirement file (*.req.yaml).');
      return;
    }
    output.appendLine('Restarting the Inbound server…');
    await c.restart();
  });

  register('inbound.showOutput', () => output.show(true));

  const withClient = (run: (c: LanguageClient) => unknown) => () => {
    const c = client();
    if (c) return run(c);
    void vscode.window.showInformationMessage('Inbound starts once the workspace has a requirement file (*.req.yaml).');
    return undefined;
  };
  register('inbound.showReadiness', withClient((c) => ReportPanel.show(context, c, 'readiness')));
  register('inbound.showConcentration', withClient((c) => ReportPanel.show(context, c, 'concentration')));
  register('inbound.exportReport', withClient((c) => exportReport(c)));

  register(STATUS_COMMAND, async () => {
    // The readiness report once the server runs, else the findings.
    if (client()) return vscode.commands.executeCommand('inbound.showReadiness');
    return vscode.commands.executeCommand('workbench.actions.view.problems');
  });

  register('inbound.newRequirement', async (target?: unknown) => {
    const c = client();
    if (!c) {
      void vscode.window.showInformationMessage('Inbound starts once the workspace has a requirement file (*.req.yaml).');
      return;
    }
    const uri = target instanceof vscode.Uri ? target : await pickFile();
    if (!uri) return;
    const result = await c.sendRequest(NewRequirementRequest, { uri: uri.toString() });
    if (!result) {
      void vscode.window.showWarningMessage(`Inbound could not add a requirement to ${vscode.workspace.asRelativePath(uri)}.`);
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, c.protocol2CodeConverter.asPosition(result.edit.range.start), result.edit.newText);
    if (!(await vscode.workspace.applyEdit(edit))) return;
    const editor = await vscode.window.showTextDocument(uri);
    const at = c.protocol2CodeConverter.asPosition(result.title.start);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  });
}

/** The requirement file in the editor, or one chosen from the workspace's. */
async function pickFile(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && /\.req\.ya?ml$/.test(active.path)) return active;
  const files = await vscode.workspace.findFiles('**/*.req.{yaml,yml}', '**/node_modules/**', 500);
  if (!files.length) {
    void vscode.window.showInformationMessage('There is no requirement file (*.req.yaml) in this workspace yet.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f })).sort((a, b) => a.label.localeCompare(b.label)),
    { placeHolder: 'Add the new requirement to which file?' },
  );
  return picked?.uri;
}
