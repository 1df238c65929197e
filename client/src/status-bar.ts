/** The workspace's roadmap readiness at a glance, in the status bar. */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { StatusNotification } from '../../server/src/lsp/protocol';
import type { WorkspaceStatus } from '../../server/src/lsp/protocol';
import { roadmapDetail, roadmapHeadline, unreadSummary } from '../../server/src/report/words';

export const STATUS_COMMAND = 'inbound.statusBarClicked';

/** Fires with each status the server sends: after every re-check, a changed config included. */
const statusEvents = new vscode.EventEmitter<WorkspaceStatus>();
export const onStatus = statusEvents.event;

export function startStatusBar(client: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('inbound.readiness', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Inbound roadmap readiness';
  item.text = '$(sync~spin) Inbound';
  item.tooltip = 'Inbound is reading the requirement files…';
  item.command = STATUS_COMMAND;
  item.show();
  const sub = client.onNotification(StatusNotification, (s) => {
    show(item, s);
    statusEvents.fire(s);
  });
  return vscode.Disposable.from(item, sub);
}

/**
 * "4/5 roadmap-ready": the report's headline in a few characters. Waived items are not counted as
 * ready (the report says "4 of 5 ready · 1 waived"), and a file that could not be read is named.
 */
export function statusText(s: WorkspaceStatus): { text: string; tooltip: string; warning: boolean } {
  const r = s.roadmap;
  const unread = unreadSummary(s.unread.map((u) => u.path));
  // A waived item is an exception someone accountable approved: noted, not alarming.
  const warning = r.ready + r.waived < r.total || s.unread.length > 0;
  const mark = warning ? '$(warning)' : r.waived ? '$(info)' : '$(pass)';
  const text = r.total ? `${mark} ${r.ready}/${r.total} roadmap-ready` : `${mark} Inbound`;
  const detail = roadmapDetail(r);
  const tooltip = [
    `**Inbound** — ${s.requirements} requirement${s.requirements === 1 ? '' : 's'} in ${s.files} file${s.files === 1 ? '' : 's'}`,
    ...(unread ? [`**${unread}**: their requirements are not counted until the YAML is fixed.`] : []),
    r.total ? `${roadmapHeadline(r)}${detail ? ` · ${detail}` : ''}.` : 'Nothing on the roadmap yet.',
    `${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}. Click for the readiness report.`,
  ].join('\n\n');
  return { text, tooltip, warning };
}

/** What the status bar last showed, for the extension's API (tests read it to compare with the report). */
let shown: { text: string; tooltip: string } | undefined;
export function lastStatus(): { text: string; tooltip: string } | undefined {
  return shown;
}

export function show(item: vscode.StatusBarItem, s: WorkspaceStatus): void {
  if (s.indexing) {
    item.text = '$(sync~spin) Inbound';
    item.tooltip = `Inbound is reading the requirement files… (${s.files} so far)`;
    item.backgroundColor = undefined;
    return;
  }
  const { text, tooltip, warning } = statusText(s);
  item.text = text;
  item.backgroundColor = warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  item.tooltip = new vscode.MarkdownString(tooltip);
  shown = { text, tooltip };
}
