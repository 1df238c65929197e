/**
 * Files created, renamed and deleted outside an editor (as git or the explorer does it): the
 * cross-file findings of the files that are not touched follow, and a gone file's findings go.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXAMPLE_FINDINGS } from './examples';
import { expectFindings, lines, open, uri, writeFile } from './helpers';

async function rename(from: vscode.Uri, to: vscode.Uri): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.renameFile(from, to);
  assert.equal(await vscode.workspace.applyEdit(edit), true, `could not rename ${from.path} to ${to.path}`);
}

describe('Files created, renamed and deleted', () => {
  it('a new file that defines the missing id resolves the reference; renamed, its findings move; gone, the reference dangles again', async () => {
    const reporting = uri('growth/reporting.req.yml');
    const dangling = EXAMPLE_FINDINGS['growth/reporting.req.yml'];
    const resolved = dangling.filter((f) => !f.startsWith('unknown-reference'));
    await expectFindings(reporting, dangling);

    const finance = uri('finance.req.yaml');
    await writeFile(finance, lines('area: Finance', 'requirements:', '  - id: FIN-1', '    title: Fiscal calendars', '    status: proposed'));
    await expectFindings(finance, ['no-evidence 3:9-3:14']);
    await expectFindings(reporting, resolved);

    // Moved to another folder under the other extension: still a requirement file.
    const moved = uri('growth/finance.req.yml');
    await rename(finance, moved);
    await expectFindings(moved, ['no-evidence 3:9-3:14']);
    await expectFindings(finance, []);
    await expectFindings(reporting, resolved);

    // Renamed to something that is no requirement file: FIN-1 is gone from the workspace.
    const parked = uri('growth/finance.yaml.bak');
    await rename(moved, parked);
    await expectFindings(moved, []);
    await expectFindings(reporting, dangling);

    // Back, then deleted.
    await rename(parked, finance);
    await expectFindings(reporting, resolved);
    await vscode.workspace.fs.delete(finance);
    await expectFindings(finance, []);
    await expectFindings(reporting, dangling);
  });

  it('a new file that repeats an id makes both copies duplicates; deleting it clears both', async () => {
    const checkout = uri('checkout.req.yaml');
    await open(checkout);
    await expectFindings(checkout, EXAMPLE_FINDINGS['checkout.req.yaml']);
    const copy = uri('scenarios/copy.req.yaml');
    await writeFile(copy, lines('requirements:', '  - id: CHK-101', '    title: Pay by bank transfer, again', '    status: idea'));
    await expectFindings(copy, ['duplicate-id 2:9-2:16']);
    const [duplicate] = await expectFindings(checkout, ['duplicate-id 15:9-15:16', ...EXAMPLE_FINDINGS['checkout.req.yaml']]);
    assert.equal(duplicate.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(duplicate.relatedInformation?.map((r) => `${vscode.workspace.asRelativePath(r.location.uri)} ${r.location.range.start.line + 1}`), ['scenarios/copy.req.yaml 2']);

    await vscode.workspace.fs.delete(copy);
    await expectFindings(copy, []);
    await expectFindings(checkout, EXAMPLE_FINDINGS['checkout.req.yaml']);
  });
});
