/** Findings in the Problems panel: for every requirement file, opened or not, as the CLI reports them. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXAMPLE_FINDINGS } from './examples';
import { expectDiagnostics, expectFindings, open, replace, TODAY, uri } from './helpers';

describe('Diagnostics', () => {
  before(async () => {
    // The examples' findings (stale evidence, days old) hold for one date only.
    assert.equal(TODAY, '2026-11-23', 'the runner sets INBOUND_TODAY=2026-11-23 for VS Code');
    const extension = vscode.extensions.getExtension('inbound.inbound');
    assert.ok(extension, 'the Inbound extension is installed');
    await extension.activate();
  });

  it('checks the files nobody opened, with codes and exact ranges', async () => {
    for (const [file, expected] of Object.entries(EXAMPLE_FINDINGS)) {
      if (file === 'checkout.req.yaml') continue;
      await expectFindings(uri(file), expected);
    }
    const opened = vscode.workspace.textDocuments.map((d) => vscode.workspace.asRelativePath(d.uri));
    assert.ok(!opened.includes('growth/reporting.req.yml'), `reporting.req.yml was opened: ${opened.join(', ')}`);
  });

  it('checks an open file, with severities, messages and related places', async () => {
    const file = uri('checkout.req.yaml');
    await open(file);
    const [gate, single, salesOnly] = await expectFindings(file, EXAMPLE_FINDINGS['checkout.req.yaml']);
    assert.equal(gate.severity, vscode.DiagnosticSeverity.Error);
    assert.match(gate.message, /^CHK-102 is on the roadmap with no market evidence/);
    assert.equal(single.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(single.message, /^CHK-102 rests on one sales deal \(Initech, OPP-2307\)\./);
    assert.equal(salesOnly.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(salesOnly.message, /Umbrella Corp and Hooli/);
    assert.equal(gate.source, 'inbound');
  });

  it('re-checks an open file as it is typed in, and clears what no longer applies', async () => {
    const file = uri('checkout.req.yaml');
    const doc = await open(file);
    await replace(doc, 'status: roadmap\n    owner: sam@', 'status: validated\n    owner: sam@');
    await expectFindings(file, ['single-deal 45:5-45:13', 'sales-only 55:5-55:13']);
    // A syntax error: the file shows only that, not findings of a guessed structure.
    await replace(doc, 'area: Checkout', 'area: [Checkout');
    const [syntax] = await expectDiagnostics(file, 'only a yaml-syntax error', (all) => all.length > 0 && all.every((d) => d.code === 'yaml-syntax'));
    assert.equal(syntax.severity, vscode.DiagnosticSeverity.Error);
    await replace(doc, 'area: [Checkout', 'area: Checkout');
    await replace(doc, 'status: validated\n    owner: sam@', 'status: roadmap\n    owner: sam@');
    await expectFindings(file, EXAMPLE_FINDINGS['checkout.req.yaml']);
    await doc.save();
  });
});
