/**
 * The language status item of YAML files (the `{}` beside "YAML" in the status bar): whether Inbound
 * checks the file in the editor, and by which project and config — "Checked · project: packages/app
 * (inbound.config.yaml)", "Not a requirement file (the config's globs do not select it)", "Inbound's
 * own config". The server decides which files it checks, so the item asks it (inbound/fileStatus).
 */
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { FileStatusRequest } from '../../server/src/lsp/protocol';
import type { FileStatus } from '../../server/src/lsp/protocol';
import type { Server } from './commands';

/** What the item shows now, for the extension's API (the tests read it). */
export interface ShownStatus {
  text: string;
  detail: string;
  warning: boolean;
}

export class LanguageStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('inbound.file', { language: 'yaml' });
  private readonly disposables: vscode.Disposable[] = [this.item];
  private shown: { uri: string; status: ShownStatus } | undefined;
  /** The latest request wins: an answer for a file no longer in the editor is dropped. */
  private asked = 0;

  constructor(
    private readonly server: Server,
    /** The list of rules that ship with the extension (docs/rules/README.md). */
    private readonly rules: vscode.Uri,
  ) {
    this.item.name = 'Inbound';
    this.disposables.push(vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()));
    void this.refresh();
  }

  /** A client started (or restarted): follow its state, and ask again once it runs. */
  follow(client: LanguageClient): void {
    this.disposables.push(client.onDidChangeState((e) => e.newState === State.Running && void this.refresh()));
  }

  /** What the item shows for the document in the editor, if it shows anything. */
  current(): ShownStatus | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return doc && this.shown?.uri === doc.uri.toString() ? this.shown.status : undefined;
  }

  async refresh(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'yaml') return;
    const ask = ++this.asked;
    const client = this.server.client();
    if (!client) {
      this.show(doc.uri, {
        text: 'Inbound: no requirement file yet',
        detail: 'Inbound starts once the workspace has a *.req.yaml file.',
        warning: false,
      });
      this.item.command = { title: 'New Requirement', command: 'inbound.newRequirement', tooltip: 'Inbound starts once the workspace has a *.req.yaml file: write the first requirement of a product area.' };
      return;
    }
    if (client.state !== State.Running) {
      this.item.busy = true;
      return;
    }
    let status: FileStatus | null;
    try {
      status = await client.sendRequest(FileStatusRequest, { uri: doc.uri.toString() });
    } catch {
      // The server stopped meanwhile: it answers again once it runs.
      return;
    }
    if (ask !== this.asked || !status) return;
    this.show(doc.uri, { text: status.text, detail: status.detail, warning: status.warning });
    this.item.command = commandFor(status, doc.uri, this.rules);
  }

  private show(uri: vscode.Uri, status: ShownStatus): void {
    this.item.busy = false;
    this.item.text = status.text;
    // The hover has one line per item: whose it is goes beside the text, what it means into the
    // command's tooltip and the screen reader's label.
    this.item.detail = 'Inbound';
    this.item.severity = status.warning ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.item.accessibilityInformation = { label: `Inbound: ${status.text}. ${status.detail}` };
    this.shown = { uri: uri.toString(), status };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * The one thing to do next from the item, its tooltip saying what the status means: the readiness
 * of a checked file, the rules for the config, the config whose globs left a file out.
 */
function commandFor(status: FileStatus, uri: vscode.Uri, rules: vscode.Uri): vscode.Command | undefined {
  if (status.kind === 'requirements') return { title: 'Readiness', command: 'inbound.showReadiness', tooltip: status.detail };
  if (status.kind === 'config') return { title: 'Rules', command: 'markdown.showPreview', arguments: [rules], tooltip: status.detail };
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (status.config && folder) {
    const config = vscode.Uri.joinPath(folder.uri, ...status.config.split('/'));
    return { title: 'Open config', command: 'vscode.open', arguments: [config], tooltip: status.detail };
  }
  return undefined;
}
