/** The report commands: a webview panel per view, and Export Report… through the save dialog. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { until, uri } from './helpers';

function webviewTab(title: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === title);
}

const tabsChange: vscode.Event<unknown> = (listener) => vscode.window.tabGroups.onDidChangeTabs(listener);

describe('Reports', () => {
  after(async () => {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
    await vscode.window.tabGroups.close(tabs);
  });

  it('Inbound: Show Roadmap Readiness opens the report in a webview', async () => {
    await vscode.commands.executeCommand('inbound.showReadiness');
    const tab = await until("a webview tab 'Roadmap Readiness'", () => webviewTab('Roadmap Readiness'), { events: [tabsChange] });
    assert.equal(tab.isActive, true);
  });

  it('Inbound: Show Account Concentration shows the concentration view', async () => {
    await vscode.commands.executeCommand('inbound.showConcentration');
    await until("a webview tab 'Account Concentration'", () => webviewTab('Account Concentration'), { events: [tabsChange] });
  });

  it('Inbound: Export Report… writes the report the save dialog names', async () => {
    const target = uri('roadmap-readiness.html');
    let done: vscode.Uri | undefined | 'pending' = 'pending';
    const exported = Promise.resolve(vscode.commands.executeCommand<vscode.Uri | undefined>('inbound.exportReport')).then((u) => (done = u));
    // The save dialog is VS Code's own (the browser's workbench always uses it; the desktop runner
    // turns it on with files.simpleDialog.enable), a quick input that starts on the default file
    // name, roadmap-readiness.html in the workspace folder: accept it once it is up.
    await until('the save dialog to be accepted', async () => {
      if (done !== 'pending') return true;
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return undefined;
    }, { poll: 500 });
    assert.equal((await exported)?.toString(), target.toString());
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(html, /^<!doctype html>/i);
    assert.match(html, /CHK-102/);
    await vscode.workspace.fs.delete(target);
  });
});
