/**
 * Inbound's language-model tools as VS Code's chat calls them: `vscode.lm.invokeTool`, no model
 * needed. The answers are the ones the status bar and the code lens show; adding evidence is the
 * Add market evidence quick fix's edit, with what the person is asked to confirm first.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { InboundApi } from '../../../client/src/extension';
import { applyFix, expectDiagnostics, open, saveAll, TODAY, until, uri } from './helpers';

const NAMES = ['inbound_readiness', 'inbound_requirement', 'inbound_accounts', 'inbound_findings', 'inbound_rules', 'inbound_add_evidence'];

function api(): InboundApi {
  return vscode.extensions.getExtension<InboundApi>('inbound.inbound')!.exports;
}

/** The tool's two parts: the summary a person reads and the facts as JSON. */
async function invoke(name: string, input: object): Promise<{ summary: string; data: Record<string, any> }> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  const texts = result.content.map((part) => {
    assert.ok(part instanceof vscode.LanguageModelTextPart, `a text part, not ${JSON.stringify(part)}`);
    return part.value;
  });
  assert.equal(texts.length, 2);
  return { summary: texts[0], data: JSON.parse(texts[1]) };
}

describe('Tools for AI assistants', () => {
  it('are registered for language models with their schemas', () => {
    const ours = vscode.lm.tools.filter((t) => t.name.startsWith('inbound_'));
    assert.deepEqual(ours.map((t) => t.name).sort(), [...NAMES].sort());
    for (const t of ours) {
      assert.ok(t.description.length > 100, `${t.name} tells a model when to call it`);
      assert.equal((t.inputSchema as { type?: string }).type, 'object');
      assert.ok(t.tags.includes('inbound'));
    }
  });

  it("inbound_readiness counts the roadmap as the status bar does, and filters by verdict", async () => {
    const status = await until('the status bar', () => api().statusBar(), { poll: 200 });
    const [, ready, total] = /(\d+)\/(\d+) roadmap-ready/.exec(status.text) ?? [];
    const { summary, data } = await invoke('inbound_readiness', { verdict: 'blocked', onRoadmap: true });
    assert.deepEqual([data.headline.roadmap.ready, data.headline.roadmap.total], [Number(ready), Number(total)]);
    assert.ok(summary.startsWith(`${ready} of ${total} roadmap items ready`), summary);
    const ids = data.requirements.map((r: { id: string }) => r.id);
    assert.ok(ids.includes('CHK-102'), JSON.stringify(ids));
    assert.ok(data.requirements.every((r: { verdict: string; onRoadmap: boolean }) => r.verdict === 'blocked' && r.onRoadmap));
  });

  it("inbound_requirement says what CHK-102's code lens says", async () => {
    const file = uri('checkout.req.yaml');
    await open(file);
    const lenses = await until('code lenses on checkout.req.yaml', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file);
      return found?.length ? found : undefined;
    }, { poll: 200 });
    const lens = lenses.find((l) => l.range.start.line === 40);
    assert.equal(lens?.command?.title, '1 deal · 0 market · not roadmap-ready');
    const { summary, data } = await invoke('inbound_requirement', { id: 'CHK-102' });
    assert.equal(data.requirement.verdict, 'blocked');
    assert.deepEqual([data.requirement.evidence.deals, data.requirement.evidence.market], [1, 0]);
    assert.equal(data.requirement.file, 'checkout.req.yaml');
    assert.match(summary, /^CHK-102 Custom invoice PDF layout per customer — Blocked by the gate \(0 of 1 market evidence\)/);
  });

  it('inbound_accounts, inbound_findings and inbound_rules answer; a bad input is one sentence', async () => {
    const accounts = await invoke('inbound_accounts', { account: 'initech' });
    assert.deepEqual(accounts.data.accounts.map((a: { account: string }) => a.account), ['Initech']);
    const findings = await invoke('inbound_findings', { file: 'checkout.req.yaml', code: 'roadmap-gate' });
    const shown = await expectDiagnostics(uri('checkout.req.yaml'), 'the roadmap gate', (all) => all.some((d) => d.code === 'roadmap-gate'));
    const gate = shown.filter((d) => d.code === 'roadmap-gate');
    assert.equal(findings.data.total, gate.length);
    assert.deepEqual(findings.data.files[0].diagnostics.map((d: { range: { start: { line: number } } }) => d.range.start.line), gate.map((d) => d.range.start.line));
    const rules = await invoke('inbound_rules', { code: 'single-deal' });
    assert.match(rules.summary, /^single-deal \(warning\)/);
    await assert.rejects(Promise.resolve(vscode.lm.invokeTool('inbound_requirement', { input: { id: 'CHK-1022' }, toolInvocationToken: undefined })), (e: Error) => {
      assert.match(e.message, /No requirement CHK-1022 in this project; the closest is CHK-102\./);
      return true;
    });
  });

  it('inbound_add_evidence asks to confirm the lines it adds, then makes the quick fix\'s edit, unsaved', async () => {
    const file = uri('checkout.req.yaml');
    const doc = await open(file);
    const original = doc.getText();
    const input = { id: 'CHK-102', evidence: { kind: 'interview', account: 'Globex AG', person: 'Head of Finance' } };
    try {
      // What the person is asked before anything is written (VS Code confirms by itself under test).
      const tool = api().languageModelTool('inbound_add_evidence');
      assert.ok(tool?.prepareInvocation);
      const prepared = await tool.prepareInvocation({ input }, new vscode.CancellationTokenSource().token);
      assert.equal(prepared?.confirmationMessages?.title, 'Add evidence to CHK-102?');
      const message = prepared.confirmationMessages.message as vscode.MarkdownString;
      // Markdown's own characters are escaped in the sentence; the person reads them unescaped.
      const shown = message.value.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
      assert.ok(shown.startsWith('Add an interview (account: Globex AG, person: Head of Finance) dated 2026-11-23 to the evidence of CHK-102'), shown);
      assert.ok(shown.includes(['```yaml', '      - kind: interview', '        account: Globex AG', '        person: Head of Finance', `        date: ${TODAY}`, '```'].join('\n')), shown);
      assert.equal(doc.getText(), original, 'asking writes nothing');
      // An input that cannot be written asks nothing: the call fails with its reason instead.
      assert.equal((await tool.prepareInvocation({ input: { id: 'CHK-102', evidence: { kind: 'interview' } } }, new vscode.CancellationTokenSource().token))?.confirmationMessages, undefined);

      const { summary, data } = await invoke('inbound_add_evidence', input);
      assert.match(summary, /^Added an interview \(account: Globex AG, person: Head of Finance\) dated 2026-11-23 to CHK-102 in checkout\.req\.yaml:51\.\nCHK-102: Blocked by the gate → Ready/);
      assert.match(summary, /The file is changed in the editor and not yet saved\.$/);
      assert.equal(data.requirement.verdict, 'ready');
      assert.equal(doc.isDirty, true);

      // The Add market evidence quick fix on the same text, its blanks filled in, reads the same.
      const fixed = doc.getText();
      const reverted = new vscode.WorkspaceEdit();
      reverted.replace(file, new vscode.Range(doc.positionAt(0), doc.positionAt(fixed.length)), original);
      assert.equal(await vscode.workspace.applyEdit(reverted), true);
      const [warning] = await expectDiagnostics(file, 'the single-deal warning on CHK-102 again', (all) => all.some((d) => d.code === 'single-deal' && d.message.includes('CHK-102')))
        .then((all) => all.filter((d) => d.code === 'single-deal' && d.message.includes('CHK-102')));
      await applyFix(file, warning, 'Add market evidence');
      assert.equal(doc.getText().replace('account: \n', 'account: Globex AG\n        person: Head of Finance\n'), fixed);
    } finally {
      const back = new vscode.WorkspaceEdit();
      back.replace(file, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
      await vscode.workspace.applyEdit(back);
      await saveAll();
    }
  });
});
