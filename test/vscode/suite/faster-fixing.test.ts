/**
 * Fixing faster, as VS Code applies it: Silence with a reason writes the comment and leaves the
 * cursor where the reason goes; the cursor lands in the blank of a new evidence item; a finding's
 * code opens its rule's page; the config's misspellings have quick fixes too. Each test writes its
 * own file and removes it (the examples' counts stay as the other tests expect them).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyFix, expectFindings, lines, linkedDiagnostics, only, open, replace, until, uri, writeFile } from './helpers';

const SINGLE_DEAL = lines(
  'area: Billing',
  'requirements:',
  '  - id: SIL-1',
  '    title: Custom invoice layout',
  '    status: proposed',
  '    evidence:',
  '      - kind: sales-deal',
  '        account: Initech',
  '        deal: OPP-7',
  '        date: 2026-10-20',
);

/** A scenario file of its own, shown in the editor (a snippet edit applies to the editor it is for). */
async function scenario(name: string, text: string): Promise<{ file: vscode.Uri; editor: vscode.TextEditor; done: () => Promise<void> }> {
  const file = uri(name);
  await writeFile(file, text);
  const editor = await vscode.window.showTextDocument(file);
  return {
    file,
    editor,
    done: async () => {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(file);
    },
  };
}

const at = (editor: vscode.TextEditor) => [editor.selection.active.line, editor.selection.active.character];

describe('Fixing faster', () => {
  it('Silence with a reason: the comment above the finding, indented like it, and the cursor where the reason goes', async () => {
    const { file, editor, done } = await scenario('silence.req.yaml', SINGLE_DEAL);
    try {
      await expectFindings(file, ['single-deal 6:5-6:13']);
      const action = await applyFix(file, only(file, 'single-deal'), 'Silence with a reason');
      assert.equal(action.title, 'Silence with a reason (single-deal)');
      assert.equal(
        editor.document.getText(),
        lines(
          'area: Billing',
          'requirements:',
          '  - id: SIL-1',
          '    title: Custom invoice layout',
          '    status: proposed',
          '    # inbound-ignore single-deal -- ',
          '    evidence:',
          '      - kind: sales-deal',
          '        account: Initech',
          '        deal: OPP-7',
          '        date: 2026-10-20',
        ),
      );
      assert.deepEqual(at(editor), [5, '    # inbound-ignore single-deal -- '.length], 'the cursor where the reason goes');
      // Until the reason is written, the comment asks for it and silences nothing.
      const [sayWhy] = await expectFindings(file, ['schema 6:5-6:36', 'single-deal 7:5-7:13']);
      assert.match(sayWhy.message, /^Say why single-deal is ignored here/);
      assert.ok(await editor.edit((b) => b.insert(editor.selection.active, 'a paid add-on, built for Initech alone')));
      await expectFindings(file, []);
    } finally {
      await done();
    }
  });

  it('Add market evidence and Record a waiver leave the cursor in the first blank', async () => {
    const gate = SINGLE_DEAL.replace('status: proposed', 'status: roadmap').replace('SIL-1', 'CUR-1');
    const { file, editor, done } = await scenario('cursor.req.yaml', gate);
    try {
      await expectFindings(file, ['roadmap-gate 5:13-5:20', 'single-deal 6:5-6:13']);
      await applyFix(file, only(file, 'single-deal'), 'Add market evidence');
      assert.equal(editor.document.lineAt(10).text, '      - kind: interview');
      assert.equal(editor.document.lineAt(11).text, '        account: ');
      assert.deepEqual(at(editor), [11, '        account: '.length], 'the cursor on the account to name');
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await expectFindings(file, ['roadmap-gate 5:13-5:20', 'single-deal 6:5-6:13']);
      await applyFix(file, only(file, 'roadmap-gate'), 'Record a waiver');
      assert.equal(editor.document.lineAt(10).text, '    waiver:');
      assert.deepEqual(at(editor), [11, '      reason: '.length], 'the cursor on the reason');
    } finally {
      await done();
    }
  });

  it("a finding's code links to its rule's page, which opens inside VS Code", async () => {
    const file = uri('checkout.req.yaml');
    await open(file);
    const linked = await until('single-deal with a link', () => linkedDiagnostics(file).find((d) => typeof d.code === 'object' && d.code.value === 'single-deal'), {
      events: [vscode.languages.onDidChangeDiagnostics],
    });
    const target = (linked.code as { value: string; target: vscode.Uri }).target;
    assert.equal(target.toString(), `${vscode.env.uriScheme}://inbound.inbound/rule/single-deal`);
    // What a click on the code in the Problems panel or the hover does: the editor opens the link.
    await vscode.commands.executeCommand('vscode.open', target);
    const page = (tab: vscode.Tab) => tab.label.includes('single-deal.md');
    const tab = await until('the rule page', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(page), {
      events: [vscode.window.tabGroups.onDidChangeTabs],
      seen: () => JSON.stringify(vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label)),
    });
    // Rendered, in the Markdown preview.
    assert.ok(tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType), `a preview: ${tab.label}`);
    // The preview updates its tab as it renders: close the one there is now.
    await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(page));
  });

  it("a misspelling in inbound.config.yaml gets Change to 'X'", async () => {
    const config = await open(uri('inbound.config.yaml'));
    const original = config.getText();
    try {
      await replace(config, '  stale-evidence: warning\n', '  stale-evidense: warning\n');
      const [typo] = await expectFindings(config.uri, ['schema 8:3-8:17']);
      assert.match(typo.message, /Did you mean 'stale-evidence'\?/);
      const action = await applyFix(config.uri, typo, "Change to 'stale-evidence'");
      assert.equal(action.isPreferred, true);
      assert.equal(config.getText(), original);
      await expectFindings(config.uri, []);
    } finally {
      await config.save();
    }
  });
});
