/** inbound.config.yaml, edited in the editor: the policy applies at once, to open and unopened files. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXAMPLE_FINDINGS } from './examples';
import { expectDiagnostics, expectFindings, open, replace, uri } from './helpers';

const severityOf = (code: string, severity: vscode.DiagnosticSeverity) => (all: vscode.Diagnostic[]) =>
  all.some((d) => d.code === code) && all.filter((d) => d.code === code).every((d) => d.severity === severity);

describe('Configuration', () => {
  it('changes severities live: single-deal becomes an error, then off, and a broken setting falls back to the default', async () => {
    const config = await open(uri('inbound.config.yaml'));
    const original = config.getText();
    const checkout = uri('checkout.req.yaml');
    const platform = uri('platform.req.yaml');
    await open(checkout);
    await expectDiagnostics(checkout, 'single-deal as a warning', severityOf('single-deal', vscode.DiagnosticSeverity.Warning));

    await replace(config, '  stale-evidence: warning\n', '  stale-evidence: warning\n  single-deal: error\n');
    await expectDiagnostics(checkout, 'single-deal as an error', severityOf('single-deal', vscode.DiagnosticSeverity.Error));
    // A file nobody opened follows the policy too.
    await expectDiagnostics(platform, 'single-deal as an error', severityOf('single-deal', vscode.DiagnosticSeverity.Error));

    await replace(config, 'single-deal: error', 'single-deal: off');
    await expectFindings(checkout, EXAMPLE_FINDINGS['checkout.req.yaml'].filter((f) => !f.startsWith('single-deal')));
    await expectFindings(platform, []);

    // The config file shows what is wrong on its own line; the rule is back at its default.
    await replace(config, 'single-deal: off', 'single-deal: loud');
    const [broken] = await expectFindings(config.uri, ['schema 9:16-9:20']);
    assert.match(broken.message, /'loud' is not a severity/);
    await expectDiagnostics(checkout, 'single-deal as a warning again', severityOf('single-deal', vscode.DiagnosticSeverity.Warning));

    await replace(config, '  single-deal: loud\n', '');
    assert.equal(config.getText(), original);
    await config.save();
    await expectFindings(config.uri, []);
    await expectFindings(checkout, EXAMPLE_FINDINGS['checkout.req.yaml']);
    await expectFindings(platform, EXAMPLE_FINDINGS['platform.req.yaml']);
  });

  it('the inbound.codeLens.enabled setting hides the code lens and shows it again', async () => {
    const checkout = uri('checkout.req.yaml');
    await open(checkout);
    const lenses = () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', checkout);
    const settings = () => vscode.workspace.getConfiguration('inbound', checkout);
    assert.equal((await lenses()).length, 4);
    await settings().update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      assert.equal(settings().get('codeLens.enabled'), false);
      assert.deepEqual(await lenses(), []);
    } finally {
      await settings().update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.equal((await lenses()).length, 4);
  });
});
