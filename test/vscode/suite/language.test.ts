/**
 * The editor features, asked for the way VS Code asks for them (the vscode.execute… commands):
 * completion, hover, definition, references, rename, symbols and code lens, on the examples.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXAMPLE_FINDINGS } from './examples';
import { after, expectFindings, open, saveAll, uri } from './helpers';

const STATUSES = ['idea', 'proposed', 'validated', 'roadmap', 'in-progress', 'shipped', 'rejected'];
const KINDS = [
  'sales-deal', 'rfp', 'interview', 'support-tickets', 'metric', 'survey',
  'research', 'analyst', 'competitor', 'win-loss', 'community', 'usability-test',
];

async function complete(doc: vscode.TextDocument, at: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
  // In the order the menu shows them.
  return list.items.sort((a, b) => (a.sortText ?? label(a)).localeCompare(b.sortText ?? label(b)));
}

const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

function text(contents: vscode.Hover['contents']): string {
  return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

/** "file 3:9-3:14" for a location, 1-based like the CLI. */
function where(location: vscode.Location | vscode.LocationLink): string {
  const [target, range] = 'targetUri' in location ? [location.targetUri, location.targetSelectionRange ?? location.targetRange] : [location.uri, location.range];
  const at = (p: vscode.Position) => `${p.line + 1}:${p.character + 1}`;
  return `${vscode.workspace.asRelativePath(target)} ${at(range.start)}-${at(range.end)}`;
}

describe('Language features', () => {
  let checkout: vscode.TextDocument;
  before(async () => {
    checkout = await open(uri('checkout.req.yaml'));
    // The workspace has been read: findings of files nobody opened are in.
    await expectFindings(uri('growth/reporting.req.yml'), EXAMPLE_FINDINGS['growth/reporting.req.yml']);
  });

  describe('completion', () => {
    it('offers every status for a status value', async () => {
      const items = await complete(checkout, after(checkout, 17, 'status: '));
      assert.deepEqual(items.map(label), STATUSES);
      assert.match(String((items[3].documentation as vscode.MarkdownString).value), /roadmap gate/);
    });

    it('offers every evidence kind, each explained', async () => {
      const items = await complete(checkout, after(checkout, 24, '- kind: '));
      assert.deepEqual(items.map(label), KINDS);
      const interview = items.find((i) => label(i) === 'interview')!;
      assert.match((interview.documentation as vscode.MarkdownString).value, /Market evidence/);
    });

    it('offers the ids of the workspace in depends-on, not the requirement itself', async () => {
      const labels = (await complete(checkout, after(checkout, 22, 'depends-on: ['))).map(label);
      for (const id of ['CHK-100', 'CHK-102', 'PLT-7', 'ONB-20', 'RPT-3']) assert.ok(labels.includes(id), `${id} in ${labels.join(' ')}`);
      assert.ok(!labels.includes('CHK-101'), 'CHK-101 offered as its own dependency');
    });

    it('offers the account names already used in the workspace, replacing the whole name', async () => {
      const at = after(checkout, 25, 'account: ');
      const items = await complete(checkout, at);
      const labels = items.map(label);
      for (const account of ['Acme GmbH', 'Globex AG', 'Initech', 'Hooli', 'Umbrella Corp', 'Vandelay Industries']) {
        assert.ok(labels.includes(account), `${account} in ${labels.join(', ')}`);
      }
      const acme = items.find((i) => label(i) === 'Acme GmbH')!;
      const range = acme.range instanceof vscode.Range ? acme.range : acme.range?.replacing;
      assert.ok(range, 'the account item says what it replaces');
      assert.equal(checkout.getText(range), 'Acme GmbH');
    });
  });

  describe('hover', () => {
    it('on an id: title, status and the evidence summary', async () => {
      const [hover] = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', checkout.uri, after(checkout, 15, '- id: CHK'));
      assert.ok(hover, 'no hover on CHK-101');
      const shown = text(hover.contents);
      assert.match(shown, /\*\*CHK-101\*\* — Pay by bank transfer/);
      assert.match(shown, /Status: \*\*roadmap\*\*/);
      assert.match(shown, /1 deal · 2 market · roadmap-ready/);
      assert.match(shown, /Accounts: Acme GmbH, Globex AG/);
    });

    it('on an evidence kind: what it means and what it needs', async () => {
      const [hover] = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', checkout.uri, after(checkout, 24, '- kind: sales'));
      assert.ok(hover, 'no hover on sales-deal');
      const shown = text(hover.contents);
      assert.match(shown, /\*\*sales-deal\*\*/);
      assert.match(shown, /Sales evidence/);
      assert.match(shown, /Needs `account`, `deal`/);
    });
  });

  describe('navigation across files', () => {
    it('goes to the definition of an id in depends-on, in another file', async () => {
      const onboarding = await open(uri('growth/onboarding.req.yaml'));
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
        'vscode.executeDefinitionProvider', onboarding.uri, after(onboarding, 26, 'ONB-20, PLT'),
      );
      assert.deepEqual(found.map(where), ['platform.req.yaml 3:9-3:14']);
    });

    it('finds every reference of an id, in every file', async () => {
      const platform = await open(uri('platform.req.yaml'));
      const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', platform.uri, after(platform, 3, 'id: PLT'));
      assert.deepEqual(found.map(where).sort(), ['growth/onboarding.req.yaml 26:26-26:31', 'platform.req.yaml 26:18-26:23', 'platform.req.yaml 3:9-3:14']);
    });

    it('renames an id in its definition and every depends-on, across files', async () => {
      const platform = await open(uri('platform.req.yaml'));
      const onboarding = await open(uri('growth/onboarding.req.yaml'));
      const rename = async (doc: vscode.TextDocument, line: number, before: string, to: string) => {
        const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, after(doc, line, before), to);
        assert.ok(edit, 'no rename edit');
        return edit;
      };
      const edit = await rename(onboarding, 26, 'ONB-20, PLT', 'PLT-70');
      assert.deepEqual(edit.entries().map(([u, edits]) => `${vscode.workspace.asRelativePath(u)} ×${edits.length}`).sort(), [
        'growth/onboarding.req.yaml ×1',
        'platform.req.yaml ×2',
      ]);
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      assert.equal(platform.lineAt(2).text, '  - id: PLT-70');
      assert.equal(platform.lineAt(25).text, '    depends-on: [PLT-70]');
      assert.equal(onboarding.lineAt(25).text, '    depends-on: [ONB-20, PLT-70]');
      // Nothing dangles: the references moved with the id.
      await expectFindings(onboarding.uri, EXAMPLE_FINDINGS['growth/onboarding.req.yaml']);
      await expectFindings(platform.uri, EXAMPLE_FINDINGS['platform.req.yaml']);

      // An id already taken is refused, with the reason.
      await assert.rejects(rename(platform, 3, 'id: PLT', 'CHK-101'), /CHK-101 is already the id of/);

      assert.equal(await vscode.workspace.applyEdit(await rename(platform, 3, 'id: PLT', 'PLT-7')), true);
      assert.equal(onboarding.lineAt(25).text, '    depends-on: [ONB-20, PLT-7]');
      await saveAll();
    });
  });

  describe('symbols', () => {
    it('outlines a file: its requirements and their evidence', async () => {
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', checkout.uri);
      assert.deepEqual(symbols.map((s) => `${s.name} (${s.detail})`), [
        'CHK-100 Card payments with 3-D Secure 2 (shipped)',
        'CHK-101 Pay by bank transfer (roadmap)',
        'CHK-102 Custom invoice PDF layout per customer (roadmap)',
        'CHK-103 Saved carts across devices (proposed)',
      ]);
      assert.deepEqual(symbols[1].children.map((c) => c.name), ['sales-deal · Acme GmbH · OPP-2291', 'interview · Globex AG', 'support-tickets']);
      assert.equal(symbols[1].range.start.line, 14);
      assert.equal(symbols[1].selectionRange.start.line, 14);
    });

    it('finds requirements across the workspace by id or title (Ctrl+T)', async () => {
      const search = (query: string) => vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', query);
      const saml = await search('saml');
      assert.deepEqual(saml.map((s) => `${s.name} in ${s.containerName}: ${where(s.location)}`), ['PLT-7 Single sign-on with SAML in Platform: platform.req.yaml 3:9-3:14']);
      const names = (await search('CHK-10')).map((s) => s.name.split(' ')[0]);
      for (const id of ['CHK-100', 'CHK-101', 'CHK-102', 'CHK-103']) assert.ok(names.includes(id), `${id} in ${names.join(' ')}`);
    });
  });

  describe('code lens', () => {
    it('shows the evidence mix and readiness above each requirement', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', checkout.uri);
      assert.deepEqual(lenses.map((l) => `${l.range.start.line + 1}: ${l.command?.title}`), [
        '4: 0 deals · 1 market · shipped',
        '15: 1 deal · 2 market · roadmap-ready',
        '41: 1 deal · 0 market · not roadmap-ready',
        '52: 1 deal · 1 RFP · 0 market · at risk: sales-driven',
      ]);
    });
  });
});
