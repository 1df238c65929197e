/** The workspace's roadmap readiness at a glance, in the status bar. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { StatusNotification } from '../../server/src/lsp/protocol';
import type { WorkspaceStatus } from '../../server/src/lsp/protocol';

export const STATUS_COMMAND = 'inbound.statusBarClicked';

export function startStatusBar(client: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('inbound.readiness', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Inbound roadmap readiness';
  item.text = '$(sync~spin) Inbound';
  item.tooltip = 'Inbound is reading the requirement files…';
  item.command = STATUS_COMMAND;
  item.show();
  const sub = client.onNotification(StatusNotification, (s) => show(item, s));
  return vscode.Disposable.from(item, sub);
}

export function show(item: vscode.StatusBarItem, s: WorkspaceStatus): void {
  if (s.indexing) {
    item.text = '$(sync~spin) Inbound';
    item.tooltip = `Inbound is reading the requirement files… (${s.files} so far)`;
    item.backgroundColor = undefined;
    return;
  }
  const blocked = s.roadmap - s.ready;
  item.text = s.roadmap ? `${blocked ? '$(warning)' : '$(pass)'} ${s.ready}/${s.roadmap} roadmap-ready` : '$(pass) Inbound';
  item.backgroundColor = blocked ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  const md = new vscode.MarkdownString(
    [
      `**Inbound** — ${s.requirements} requirement${s.requirements === 1 ? '' : 's'} in ${s.files} file${s.files === 1 ? '' : 's'}`,
      s.roadmap
        ? `${s.ready} of ${s.roadmap} roadmap items have the market evidence the roadmap asks for${blocked ? `; **${blocked} blocked** by the roadmap gate` : ''}.`
        : 'Nothing is on the roadmap yet.',
      `${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}. Click for the readiness report.`,
    ].join('\n\n'),
  );
  item.tooltip = md;
}
