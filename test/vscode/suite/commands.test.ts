/** The extension's own commands (New Requirement, Restart Server), and a server that dies. */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { EXAMPLE_FINDINGS } from './examples';
import { diagnostics, expectFindings, findings, itOnNode, open, until, uri } from './helpers';

describe('Commands', () => {
  it('Inbound: New Requirement adds the next free id at the end of the file, the cursor on its title', async () => {
    const file = uri('checkout.req.yaml');
    const doc = await open(file);
    const before = doc.getText();
    await vscode.commands.executeCommand('inbound.newRequirement', file);
    assert.equal(doc.getText(), `${before}  - id: CHK-104\n    title: \n    status: idea\n`);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), file.toString(), 'the file is shown');
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [64, 11]);
    await expectFindings(file, [...EXAMPLE_FINDINGS['checkout.req.yaml'], 'schema 65:5-65:10']);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(doc.getText(), before);
    await expectFindings(file, EXAMPLE_FINDINGS['checkout.req.yaml']);
  });

  it('Inbound: Restart Server clears the findings and brings them all back, features included', async () => {
    const checkout = uri('checkout.req.yaml');
    const reporting = uri('growth/reporting.req.yml');
    await open(checkout);
    await expectFindings(checkout, EXAMPLE_FINDINGS['checkout.req.yaml']);
    // The stopped server's findings go; the new server's come.
    let cleared = false;
    const watch = vscode.languages.onDidChangeDiagnostics(() => {
      if (diagnostics(checkout).length === 0) cleared = true;
    });
    try {
      await vscode.commands.executeCommand('inbound.restartServer');
      const want = JSON.stringify(EXAMPLE_FINDINGS['checkout.req.yaml']);
      await until('the findings to be cleared and come back', () => (cleared && JSON.stringify(findings(checkout)) === want ? true : undefined), {
        events: [vscode.languages.onDidChangeDiagnostics],
        seen: () => `cleared: ${cleared}, now ${JSON.stringify(findings(checkout))}`,
      });
    } finally {
      watch.dispose();
    }
    await expectFindings(reporting, EXAMPLE_FINDINGS['growth/reporting.req.yml']);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', checkout);
    assert.equal(lenses.length, 4);
    const [hover] = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', checkout, new vscode.Position(14, 10));
    assert.ok(hover, 'hover answers after the restart');
  });

  itOnNode(
    "it kills the server's process; in the browser the server is a worker of the extension's own, with no process to kill",
    'a server that dies is started again at once, and the user is told once, not on every restart',
    async () => {
      const api = vscode.extensions.getExtension<{ serverCrashes(): { restarts: number; warnings: number } }>('inbound.inbound')!.exports;
      const checkout = uri('checkout.req.yaml');
      await open(checkout);
      await expectFindings(checkout, EXAMPLE_FINDINGS['checkout.req.yaml']);
      const before = api.serverCrashes();
      for (let round = 1; round <= 2; round++) {
        const pid = await until('the language server process', () => serverProcess(), { poll: 100 });
        process.kill(pid, 'SIGKILL');
        await until(`a new server after crash ${round}`, () => {
          const now = serverProcess();
          return now !== undefined && now !== pid ? now : undefined;
        }, { poll: 100 });
        await until('the restart to be counted', () => (api.serverCrashes().restarts === before.restarts + round ? true : undefined), { poll: 50 });
        const [hover] = await until('the new server to answer', async () => {
          const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', checkout, new vscode.Position(14, 10));
          return h.length ? h : undefined;
        }, { poll: 200 });
        assert.ok(hover);
      }
      assert.deepEqual(api.serverCrashes(), { restarts: before.restarts + 2, warnings: 1 }, 'two restarts, one warning');
      await expectFindings(checkout, EXAMPLE_FINDINGS['checkout.req.yaml']);
    },
  );
});

/** The pid of this extension host's Inbound server (a child process running dist/server.js). */
function serverProcess(): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('dist/server.js')) return Number(name);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}
