/** The report commands: a webview panel per view, and Export Report… through the save dialog. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { until, uri } from './helpers';

function webviewTab(title: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === title);
}

const tabsChange: vscode.Event<unknown> = (listener) => vscode.window.tabGroups.onDidChangeTabs(listener);

/**
 * Export Report… as a person does it: the save dialog is VS Code's own (the browser's workbench
 * always uses it; the desktop runner turns it on with files.simpleDialog.enable), a quick input that
 * starts on the default file name, roadmap-readiness.html in the workspace folder: accept it once it
 * is up. Returns the file's text and deletes it.
 */
async function exportThroughDialog(): Promise<string> {
  const target = uri('roadmap-readiness.html');
  let done: vscode.Uri | undefined | 'pending' = 'pending';
  const exported = Promise.resolve(vscode.commands.executeCommand<vscode.Uri | undefined>('inbound.exportReport')).then((u) => (done = u));
  await until('the save dialog to be accepted', async () => {
    if (done !== 'pending') return true;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return undefined;
  }, { poll: 500 });
  assert.equal((await exported)?.toString(), target.toString());
  const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
  await vscode.workspace.fs.delete(target);
  return html;
}

describe('Reports', () => {
  after(async () => {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
    await vscode.window.tabGroups.close(tabs);
  });

  it('Inbound: Show Roadmap Readiness opens the report in a webview', async () => {
    await vscode.commands.executeCommand('inbound.showReadiness');
    // Opened, then made active: two changes of the tabs, which the web worker host can report apart.
    const tab = await until("the active webview tab 'Roadmap readiness'", () => {
      const found = webviewTab('Roadmap readiness');
      return found?.isActive ? found : undefined;
    }, { events: [tabsChange], seen: () => JSON.stringify(webviewTab('Roadmap readiness')?.isActive) });
    assert.equal(tab.isActive, true);
  });

  it('Inbound: Show Account Concentration shows the concentration view', async () => {
    await vscode.commands.executeCommand('inbound.showConcentration');
    await until("a webview tab 'Account concentration'", () => webviewTab('Account concentration'), { events: [tabsChange] });
  });

  it('the status bar, a code lens and the report headline agree, with a waived item and a file that cannot be read', async () => {
    const api = vscode.extensions.getExtension<{ statusBar(): { text: string; tooltip: string } | undefined }>('inbound.inbound')!.exports;
    const broken = uri('reporting-broken.req.yaml');
    await vscode.workspace.fs.writeFile(broken, new TextEncoder().encode('area: Reporting\nrequirements:\n  - id: RPT-90\n    title: "never closed\n    status: roadmap\n'));
    try {
      const status = await until(
        'the status bar to name the file that cannot be read',
        () => {
          const s = api.statusBar();
          return s && s.tooltip.includes('1 file could not be read: reporting-broken.req.yaml') ? s : undefined;
        },
        { poll: 200, seen: () => JSON.stringify(api.statusBar()) },
      );
      const [, ready, total] = /(\d+)\/(\d+) roadmap-ready/.exec(status.text) ?? [];
      assert.ok(ready && total, status.text);

      // The waived requirement's code lens says so, and counts it as waived, not ready.
      const platform = uri('platform.req.yaml');
      // Code lenses are asked of a document the editor has loaded.
      await vscode.workspace.openTextDocument(platform);
      await vscode.workspace.openTextDocument(broken);
      const lenses = await until('code lenses on platform.req.yaml', async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', platform);
        return found?.length ? found : undefined;
      }, { poll: 200 });
      const titles = lenses.map((l) => l.command?.title ?? '');
      assert.ok(titles.includes('1 deal · 0 market · on the roadmap by waiver'), titles.join(' | '));
      const brokenLenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', broken);
      assert.deepEqual(brokenLenses.map((l) => l.command?.title), ['Not counted in the roadmap: YAML cannot read this file (line 4)']);

      // The exported report's headline: the same numbers, the same waived count, the same file named.
      const html = await exportThroughDialog();
      const kpi = /<div class="kpi[^"]*"><span class="value">(\d+)<small> of (\d+)<\/small><\/span><span class="label">roadmap items ready<\/span><span class="sub">([^<]*)<\/span>/.exec(html);
      assert.ok(kpi, 'the headline card');
      assert.deepEqual([kpi[1], kpi[2]], [ready, total]);
      assert.ok(kpi[3].includes('1 waived'), kpi[3]);
      assert.ok(status.tooltip.includes(`${ready} of ${total} roadmap items ready · ${kpi[3]}`), status.tooltip);
      assert.match(html, /1 file could not be read: reporting-broken\.req\.yaml/);
    } finally {
      await vscode.workspace.fs.delete(broken);
    }
  });

  it('Inbound: Export Report… writes the report the save dialog names', async () => {
    const html = await exportThroughDialog();
    assert.match(html, /^<!doctype html>/i);
    assert.match(html, /CHK-102/);
  });
});
