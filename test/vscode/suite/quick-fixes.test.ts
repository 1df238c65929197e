/**
 * Every quick fix of the light bulb menu, as VS Code collects and applies it: the action for the
 * diagnostic under the cursor, its edit applied, then the text exactly as expected and the findings
 * the server re-computes for the new text. Each scenario has a file of its own in scenarios/.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyFix, codeActions, expectFindings, lines, only, open, replace, TODAY, uri } from './helpers';

describe('Quick fixes', () => {
  it('Add market evidence: appends an interview to fill in, which counts once it names an account', async () => {
    const file = uri('scenarios/add-evidence.req.yaml');
    const doc = await open(file);
    await expectFindings(file, ['single-deal 6:5-6:13', 'no-evidence 12:9-12:14']);
    const action = await applyFix(file, only(file, 'single-deal'), 'Add market evidence');
    assert.equal(action.isPreferred, true, 'adding evidence is the preferred fix for a single deal');
    assert.equal(
      doc.getText(),
      lines(
        'area: Billing',
        'requirements:',
        '  - id: ADD-1',
        '    title: Custom invoice layout',
        '    status: proposed',
        '    evidence:',
        '      - kind: sales-deal',
        '        account: Initech',
        '        deal: OPP-7',
        '        date: 2026-10-20 # the kickoff call',
        '      - kind: interview',
        '        account: ',
        `        date: ${TODAY}`,
        '',
        '  - id: ADD-2',
        '    title: Invoice reminders',
        '    status: proposed',
        '    problem: >',
        '      Finance teams chase unpaid invoices by hand.',
      ),
    );
    // The placeholder lifts nothing until a person fills it in.
    await expectFindings(file, ['single-deal 6:5-6:13', 'schema 12:9-12:16', 'no-evidence 15:9-15:14']);
    await replace(doc, 'account: \n', 'account: Globex AG\n');
    await expectFindings(file, ['no-evidence 15:9-15:14']);

    // With no evidence key at all, the fix creates the list after the requirement's last line.
    await applyFix(file, only(file, 'no-evidence'), 'Add market evidence');
    assert.equal(
      doc.getText().split('\n').slice(14).join('\n'),
      lines(
        '  - id: ADD-2',
        '    title: Invoice reminders',
        '    status: proposed',
        '    problem: >',
        '      Finance teams chase unpaid invoices by hand.',
        '    evidence:',
        '      - kind: interview',
        '        account: ',
        `        date: ${TODAY}`,
      ),
    );
    await expectFindings(file, ['schema 22:9-22:16']);
  });

  it("Move back to 'validated': changes only the status value, the comment stays", async () => {
    const file = uri('scenarios/step-back.req.yaml');
    const doc = await open(file);
    await expectFindings(file, ['roadmap-gate 4:13-4:20', 'single-deal 5:5-5:13']);
    await applyFix(file, only(file, 'roadmap-gate'), "Move back to 'validated'");
    assert.equal(doc.lineAt(3).text, '    status: validated   # promised in the Q3 review');
    assert.equal(doc.lineCount, 10);
    await expectFindings(file, ['single-deal 5:5-5:13']);
  });

  it('Record a waiver: a block to fill in, and the gate opens once reason and approver are written', async () => {
    const file = uri('scenarios/waiver.req.yaml');
    const doc = await open(file);
    const original = doc.getText();
    await expectFindings(file, ['roadmap-gate 4:13-4:20', 'single-deal 5:5-5:13']);
    // The gate offers all three ways forward.
    const titles = (await codeActions(file, only(file, 'roadmap-gate').range, vscode.CodeActionKind.QuickFix)).map((a) => a.title);
    for (const t of ['Add market evidence', "Move back to 'validated'", 'Record a waiver']) {
      assert.ok(titles.some((x) => x.startsWith(t)), `'${t}' among ${JSON.stringify(titles)}`);
    }
    await applyFix(file, only(file, 'roadmap-gate'), 'Record a waiver');
    assert.equal(
      doc.getText().split('\n').slice(8, 14).join('\n'),
      ['        date: 2026-08-03', '    waiver:', '      reason: ', '      approved-by: ', `      date: ${TODAY}`, '  # The next one is fine.'].join('\n'),
    );
    await expectFindings(file, ['roadmap-gate 4:13-4:20', 'single-deal 5:5-5:13', 'schema 11:7-11:13', 'schema 12:7-12:18']);
    await replace(doc, 'reason: \n', 'reason: Required by the EU data act for every customer.\n');
    await replace(doc, 'approved-by: \n', 'approved-by: vp-product@example.com\n');
    await expectFindings(file, ['single-deal 5:5-5:13']);
    // As it was: an open document with an unsaved waiver would be one more waived item in the
    // report tests' counts.
    await replace(doc, doc.getText(), original);
    await doc.save();
    await expectFindings(file, ['roadmap-gate 4:13-4:20', 'single-deal 5:5-5:13']);
  });

  it("Change to 'X': a misspelt key, a quoted status and an evidence kind", async () => {
    const file = uri('scenarios/misspelt.req.yaml');
    const doc = await open(file);
    await expectFindings(file, ['schema 2:5-2:15', 'schema 3:5-3:10', 'schema 4:13-4:22', 'schema 6:15-6:24']);
    await applyFix(file, only(file, 'schema', 3), "Change to 'title'");
    await expectFindings(file, ['schema 4:13-4:22', 'schema 6:15-6:24']);
    await applyFix(file, only(file, 'schema', 4), "Change to 'proposed'");
    await expectFindings(file, ['schema 6:15-6:24']);
    await applyFix(file, only(file, 'schema', 6), "Change to 'interview'");
    await expectFindings(file, []);
    assert.equal(
      doc.getText(),
      lines(
        'requirements:',
        '  - id: TYPO-1',
        '    title: Pay by invoice',
        "    status: 'proposed'",
        '    evidence:',
        '      - kind: interview',
        '        account: Globex AG',
        '        date: 2026-10-01',
      ),
    );
  });

  it('Add missing key: a date after the block scalar, and a status that asks nothing yet', async () => {
    const file = uri('scenarios/missing-key.req.yaml');
    const doc = await open(file);
    await expectFindings(file, ['schema 2:5-2:15', 'schema 5:9-5:24']);
    await applyFix(file, only(file, 'schema', 5), "Add missing key 'date'");
    await expectFindings(file, ['schema 2:5-2:15']);
    await applyFix(file, only(file, 'schema', 2), "Add missing key 'status'");
    await expectFindings(file, []);
    assert.equal(
      doc.getText(),
      lines(
        'requirements:',
        '  - id: MISS-1',
        '    title: Printed invoices',
        '    evidence:',
        '      - kind: interview',
        '        account: Globex AG',
        '        note: |',
        '          They print every invoice.',
        `        date: ${TODAY}`,
        '    status: idea',
      ),
    );
  });

  it('Use next free id: the copy gets DUP-7, and the duplicate is gone in the other, unopened file too', async () => {
    const copy = uri('scenarios/duplicate-b.req.yaml');
    const first = uri('scenarios/duplicate-a.req.yaml');
    const doc = await open(copy);
    await expectFindings(copy, ['duplicate-id 2:9-2:14']);
    const [other] = await expectFindings(first, ['duplicate-id 2:9-2:14']);
    // Each copy points at the other.
    assert.equal(other.relatedInformation?.[0]?.location.uri.toString(), copy.toString());
    const action = await applyFix(copy, only(copy, 'duplicate-id'), 'Use next free id');
    assert.equal(action.title, 'Use next free id DUP-7');
    assert.equal(doc.lineAt(1).text, '  - id: DUP-7');
    await expectFindings(copy, []);
    await expectFindings(first, []);
  });

  it('Remove duplicate evidence: the later copy of the deal goes, nothing else', async () => {
    const file = uri('scenarios/duplicate-evidence.req.yaml');
    const doc = await open(file);
    await expectFindings(file, ['duplicate-evidence 12:15-12:21']);
    await applyFix(file, only(file, 'duplicate-evidence'), 'Remove duplicate evidence');
    assert.equal(
      doc.getText(),
      lines(
        'requirements:',
        '  - id: DEAL-1',
        '    title: Net-60 payment terms',
        '    status: proposed',
        '    evidence:',
        '      - kind: sales-deal',
        '        account: Initech',
        '        deal: OPP-31',
        '        date: 2026-10-20',
        '      - kind: interview',
        '        account: Globex AG',
        '        date: 2026-10-01',
      ),
    );
    await expectFindings(file, []);
  });

  it('Fix all auto-fixable problems: every fix that needs no decision, as a source action', async () => {
    const file = uri('scenarios/fix-all.req.yaml');
    const doc = await open(file);
    await expectFindings(file, [
      'schema 3:5-3:14',
      'schema 4:5-4:10',
      'schema 5:13-5:20',
      'single-deal 6:5-6:13',
      'duplicate-evidence 13:15-13:20',
      'schema 15:15-15:24',
      'no-evidence 18:9-18:14',
      'roadmap-gate 20:13-20:20',
    ]);
    const everything = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await codeActions(file, everything, vscode.CodeActionKind.SourceFixAll.append('inbound'));
    assert.deepEqual(actions.map((a) => `${a.title} (${a.kind?.value})`), ['Fix all auto-fixable problems (source.fixAll.inbound)']);
    // What "editor.codeActionsOnSave": {"source.fixAll": …} asks for finds it too.
    const onSave = await codeActions(file, everything, vscode.CodeActionKind.SourceFixAll);
    assert.ok(onSave.some((a) => a.kind?.value === 'source.fixAll.inbound'), 'source.fixAll does not include Inbound');
    assert.equal(await vscode.workspace.applyEdit(actions[0].edit!), true);
    assert.equal(
      doc.getText(),
      lines(
        '# Payments, typed in a hurry.',
        'requirements:',
        '  - id: ALL-1',
        '    title: Pay by invoice',
        '    status: proposed   # after the Acme call',
        '    evidence:',
        '      - kind: sales-deal',
        '        account: Acme GmbH',
        '        deal: OPP-1',
        '        date: 2026-09-12',
        '      - kind: interview',
        '        account: Globex AG',
        '        date: 2026-10-01',
        '  - id: ALL-2',
        '    title: Wallets',
        '    status: roadmap',
      ),
    );
    // The decisions are left to a person.
    await expectFindings(file, ['no-evidence 14:9-14:14', 'roadmap-gate 16:13-16:20']);
  });

  after(async () => {
    await vscode.workspace.saveAll(false);
  });
});
