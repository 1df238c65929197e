/**
 * The first run: the walkthrough VS Code's Get Started shows, New Requirement in a folder with no
 * requirement file yet, and the language status item that says whether (and by which project) the
 * file in the editor is checked. (The same first run in a truly empty workspace, the questions typed
 * as a person types them, is the UI test's: test/e2e/first-run.test.mjs.)
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { expectFindings, open, until, uri, writeFile } from './helpers';

interface Step {
  id: string;
  description: string;
  media: { markdown: string };
  completionEvents: string[];
}

interface Api {
  languageStatus(): { text: string; detail: string; warning: boolean } | undefined;
}

const extension = () => vscode.extensions.getExtension<Api>('inbound.inbound')!;

/** The command behind a step's button: `[Title](command:id?args)` on a line of its own. */
function button(step: Step): { command: string; args: unknown[] } {
  const m = /\n\[[^\]]+\]\(command:([\w.]+)(?:\?([^)]*))?\)/.exec(step.description);
  assert.ok(m, `${step.id} has a button`);
  return { command: m[1], args: m[2] ? (JSON.parse(decodeURIComponent(m[2])) as unknown[]) : [] };
}

function tabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}

async function closeTabs(match: (tab: vscode.Tab) => boolean): Promise<void> {
  const found = tabs().filter(match);
  if (found.length) await vscode.window.tabGroups.close(found);
}

describe('First run', () => {
  it("the walkthrough is contributed with a page for each step, and each step's button runs", async () => {
    const [walkthrough] = extension().packageJSON.contributes.walkthroughs as { id: string; steps: Step[] }[];
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['newRequirement', 'roadmapGate', 'addEvidence', 'readiness']);
    const known = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough.steps) {
      const page = vscode.Uri.joinPath(extension().extensionUri, step.media.markdown);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(page));
      assert.match(text, /^# /, `${step.id}: its page is installed with the extension`);
      assert.ok(known.has(button(step).command), `${step.id}: ${button(step).command} is a command`);
    }
    const [first, gate, fixes, readiness] = walkthrough.steps;

    // 1. New Requirement (its questions answered through the command's argument: see below).
    assert.equal(button(first).command, 'inbound.newRequirement');

    // 2. Quick Open, looking for requirement files.
    const quickOpen = button(gate);
    await vscode.commands.executeCommand(quickOpen.command, ...quickOpen.args);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');

    // 3. To the gate's squiggle, the quick fixes open there.
    const checkout = uri('checkout.req.yaml');
    await open(checkout);
    const gateFinding = await until('the roadmap gate in checkout.req.yaml', () =>
      vscode.languages.getDiagnostics(checkout).find((d) => typeof d.code === 'object' && d.code.value === 'roadmap-gate'),
      { events: [vscode.languages.onDidChangeDiagnostics] },
    );
    await vscode.commands.executeCommand(button(fixes).command);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), checkout.toString());
    assert.deepEqual(editor.selection.active, gateFinding.range.start, 'the cursor on the gate');
    await vscode.commands.executeCommand('hideCodeActionWidget').then(undefined, () => undefined);

    // 4. The readiness report.
    await vscode.commands.executeCommand(button(readiness).command);
    const report = (tab: vscode.Tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('inbound.report');
    await until('the readiness report', () => (tabs().some(report) ? true : undefined), { events: [vscode.window.tabGroups.onDidChangeTabs] });
    await closeTabs(report);
  });

  it('New Requirement in a folder with no requirement file writes its first one, opens it at the title, and checks it', async () => {
    const folder = uri(`first-run-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
    try {
      const file = await vscode.commands.executeCommand<vscode.Uri>('inbound.newRequirement', { area: 'Invoicing', prefix: 'INV', folder: folder.toString() });
      assert.equal(file?.toString(), vscode.Uri.joinPath(folder, 'invoicing.req.yaml').toString());
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.uri.toString(), file.toString(), 'the new file is shown');
      assert.equal(editor.document.getText(), 'area: Invoicing\nrequirements:\n  - id: INV-1\n    title: \n    status: idea\n');
      assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [3, 11], 'the cursor where the title goes');
      // The title is to write: until it is, the file says so.
      const [empty] = await expectFindings(file, ['schema 4:5-4:10']);
      assert.match(empty.message, /'title' is empty/);
      assert.ok(await editor.edit((b) => b.insert(editor.selection.active, 'Pay invoices in instalments')));
      await expectFindings(file, []);
      await editor.document.save();

      // The same area again: nothing is overwritten, its next requirement goes into its file.
      await vscode.commands.executeCommand('inbound.newRequirement', { area: 'Invoicing', prefix: 'INV', folder: folder.toString() });
      assert.equal(editor.document.getText(), 'area: Invoicing\nrequirements:\n  - id: INV-1\n    title: Pay invoices in instalments\n    status: idea\n  - id: INV-2\n    title: \n    status: idea\n');
      await vscode.commands.executeCommand('workbench.action.files.revert');

      // A new area whose prefix the workspace already uses starts above the ids in use
      // (checkout.req.yaml holds CHK-101 to CHK-103), not with a duplicate.
      const extras = await vscode.commands.executeCommand<vscode.Uri>('inbound.newRequirement', { area: 'Checkout extras', prefix: 'CHK', folder: folder.toString() });
      assert.equal(vscode.workspace.asRelativePath(extras, false), `${vscode.workspace.asRelativePath(folder, false)}/checkout-extras.req.yaml`);
      assert.equal(vscode.window.activeTextEditor?.document.getText(), 'area: Checkout extras\nrequirements:\n  - id: CHK-104\n    title: \n    status: idea\n');
    } finally {
      await closeTabs((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString().startsWith(folder.toString()));
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });

  it('the language status item says whether a YAML file is checked, and by which project and config', async () => {
    const api = extension().exports;
    const shows = async (file: vscode.Uri, text: string, warning = false) => {
      await vscode.window.showTextDocument(file);
      const seen = await until(`the language status of ${vscode.workspace.asRelativePath(file)} to say ${JSON.stringify(text)}`, () => (api.languageStatus()?.text === text ? api.languageStatus() : undefined), {
        events: [vscode.window.onDidChangeActiveTextEditor],
        poll: 50,
        seen: () => JSON.stringify(api.languageStatus()),
      });
      assert.equal(seen.warning, warning, `${text}: warning`);
      return seen;
    };
    const project = vscode.workspace.workspaceFolders![0].name;
    const checked = await shows(uri('growth/reporting.req.yml'), `Checked · project: ${project} (inbound.config.yaml)`);
    assert.match(checked.detail, /the settings of inbound\.config\.yaml/);
    await shows(uri('inbound.config.yaml'), `Inbound's own config · project: ${project}`);
    const notes = uri('notes.yaml');
    await writeFile(notes, 'agenda: [pricing, roadmap review]\n');
    try {
      await shows(notes, "Not a requirement file (the config's globs do not select it)");
    } finally {
      await closeTabs((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === notes.toString());
      await vscode.workspace.fs.delete(notes);
    }
  });
});
