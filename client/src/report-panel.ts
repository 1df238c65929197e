/**
 * The reports in the editor: one webview panel showing the server's report model in the editor's
 * theme, refreshed as files change; a click on a requirement opens it at its line. Exports are
 * written from the same model.
 */
import * as vscode from 'vscode';
import { randomBase64url, randomHex } from './random';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { ReportRequest } from '../../server/src/lsp/protocol';
import { formatFromFileName, isOpenMessage, isViewMessage, renderReport, renderReportHtml, VIEW_HEADING } from '../../server/src/report';
import type { Report, ReportView } from '../../server/src/report';

/** The editor tab's title: the view's heading, as the page itself shows it. */
const TITLES = VIEW_HEADING;

export class ReportPanel {
  private static current: ReportPanel | undefined;
  private report: Report | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
    private view: ReportView,
  ) {
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    panel.webview.onDidReceiveMessage((m) => this.receive(m), undefined, this.disposables);
    // Any change to a YAML file may change the report: refresh shortly after, while visible.
    const later = () => this.scheduleRefresh();
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => e.document.languageId === 'yaml' && later()),
      vscode.workspace.onDidCreateFiles(later),
      vscode.workspace.onDidDeleteFiles(later),
      vscode.workspace.onDidRenameFiles(later),
      panel.onDidChangeViewState((e) => e.webviewPanel.visible && later()),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}');
    watcher.onDidChange(later, undefined, this.disposables);
    watcher.onDidCreate(later, undefined, this.disposables);
    watcher.onDidDelete(later, undefined, this.disposables);
    this.disposables.push(watcher);
  }

  static async show(context: vscode.ExtensionContext, client: LanguageClient, view: ReportView): Promise<void> {
    if (ReportPanel.current) {
      ReportPanel.current.view = view;
      ReportPanel.current.panel.title = TITLES[view];
      ReportPanel.current.panel.reveal();
      await ReportPanel.current.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel('inbound.report', TITLES[view], vscode.ViewColumn.Active, {
      enableScripts: true,
      // Nothing but the extension's own folder may be loaded, and the page loads nothing anyway.
      localResourceRoots: [context.extensionUri],
      enableCommandUris: false,
    });
    ReportPanel.current = new ReportPanel(panel, client, view);
    await ReportPanel.current.refresh();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), 400);
  }

  private async refresh(): Promise<void> {
    if (!this.panel.visible && this.report) return;
    const report = (await this.client.sendRequest(ReportRequest, {})) as Report | null;
    if (!report) return;
    this.report = report;
    this.panel.webview.html = renderReportHtml(report, {
      target: 'webview',
      nonce: randomBase64url(18),
      cspSource: this.panel.webview.cspSource,
      view: this.view,
    });
  }

  private async receive(message: unknown): Promise<void> {
    if (isViewMessage(message)) {
      // A tab chosen in the page: the editor's tab says which view it shows, and a refresh keeps it.
      this.view = message.view;
      this.panel.title = TITLES[message.view];
      return;
    }
    await this.open(message);
  }

  /** Opens the clicked requirement, if the message names a file of the report (and nothing else). */
  private async open(message: unknown): Promise<void> {
    if (!isOpenMessage(message) || !this.report) return;
    const r = this.report;
    const files = new Set([...r.requirements, ...r.staleEvidence, ...r.silenced, ...r.unreadFiles].map((x) => x.file));
    if (!files.has(message.file)) return;
    const uri = vscode.Uri.parse(message.file, true);
    const at = new vscode.Position(message.line, 0);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(at, at), viewColumn: vscode.ViewColumn.One });
  }

  private dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    ReportPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}

/** Export Report…: the save dialog picks the file (and asks before overwriting); its extension picks the format. */
export async function exportReport(client: LanguageClient): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export the Inbound report',
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'roadmap-readiness.html') : undefined,
    filters: { 'HTML (for a browser, prints cleanly)': ['html'], Markdown: ['md'], 'CSV (for a spreadsheet)': ['csv'], JSON: ['json'] },
  });
  if (!target) return undefined;
  const format = formatFromFileName(target.path) ?? 'html';
  // Files named relative to the folder, as `inbound report` names them, not by editor URIs.
  const report = (await client.sendRequest(ReportRequest, { relativeTo: folder?.toString() })) as Report | null;
  if (!report) return undefined;
  const bytes = new TextEncoder().encode(renderReport(report, format));
  if (!(await saveReport(target, bytes))) return undefined;
  void vscode.window.showInformationMessage(`Inbound report saved to ${vscode.workspace.asRelativePath(target)}.`);
  return target;
}

/**
 * Writes an exported report: beside the target, then moved over it, so a reader never sees half a
 * report. A symbolic link at the target is refused, as `inbound report --out` refuses it (see
 * server/src/node/replace-file.ts for why refused rather than followed or replaced): a link checked
 * into the repository (`roadmap-readiness.html -> ~/.bashrc`) must not turn an export into a write
 * outside it. The rename replaces the link itself should one appear after the check, never what it
 * points to; the temporary file's name is random (128 bits), so no link waits under it. Returns
 * false, having said why, when it refused.
 */
export async function saveReport(target: vscode.Uri, bytes: Uint8Array): Promise<boolean> {
  const existing = await vscode.workspace.fs.stat(target).then(
    (stat) => stat,
    () => undefined,
  );
  // A link to nothing is a link too: VS Code reports it as Unknown | SymbolicLink.
  if (existing && (existing.type & vscode.FileType.SymbolicLink) !== 0) {
    void vscode.window.showErrorMessage(
      `Inbound did not save the report: ${vscode.workspace.asRelativePath(target)} is a symbolic link, and a report is never written through one. Remove the link, or choose the file it points to.`,
    );
    return false;
  }
  const temp = target.with({ path: `${target.path}.${randomHex(16)}.tmp` });
  await vscode.workspace.fs.writeFile(temp, bytes);
  try {
    await vscode.workspace.fs.rename(temp, target, { overwrite: true });
  } catch (e) {
    await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    throw e;
  }
  return true;
}
