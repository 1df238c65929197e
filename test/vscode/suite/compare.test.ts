/**
 * Inbound: Compare Roadmap with… in a real VS Code, through its own Git extension: the workspace is
 * made a git repository with a branch `base`, then changed — a new file that puts a requirement on
 * the roadmap on one deal, and an unsaved edit that promotes another — and the command compares the
 * editor's state with `base`. The webview opens with the diff's title, and the diff is right.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { describeOnNode, until, uri } from './helpers';

interface DiffResult {
  base: { label: string; commit?: string };
  entered: { id?: string; head?: { verdict: string }; file: string }[];
  added: { id?: string }[];
  attention: { blocked: { id?: string }[] };
}

interface GitExtension {
  enabled: boolean;
  onDidChangeEnablement(listener: (enabled: boolean) => void): vscode.Disposable;
  getAPI(version: 1): {
    state: string;
    repositories: { rootUri: vscode.Uri }[];
    openRepository?(root: vscode.Uri): Promise<unknown>;
  };
}

const NEW_FILE = 'compare-new.req.yaml';
const NEW_TEXT = `area: Compare
requirements:
  - id: CMP-1
    title: White-label portal for one reseller
    status: roadmap
    evidence:
      - kind: sales-deal
        account: Initech
        deal: OPP-9001
        amount: 90000
        date: 2026-10-20
`;

function webviewTab(title: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === title);
}

describeOnNode("it needs git, which VS Code for the Web does not have: the command is not offered there", 'Compare Roadmap', () => {
  const folder = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  // git never looks above the workspace: the folder the tests run in may lie inside another repository.
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Inbound Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: folder(),
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_CEILING_DIRECTORIES: dirname(folder()) },
    }).trim();
  const gitSettings = () => vscode.workspace.getConfiguration('git');
  let gitWasEnabled: boolean | undefined;

  before(async () => {
    git('init', '-q', '-b', 'main');
    // git names the folder by its real path: the runs' folder may be reached through a symbolic link.
    assert.equal(git('rev-parse', '--show-toplevel'), realpathSync(folder()), 'the repository is the workspace folder, no other');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    git('branch', 'base');
    // The runner turns the Git extension off to keep the workbench quiet; this test needs it.
    gitWasEnabled = gitSettings().get<boolean>('enabled');
    await gitSettings().update('enabled', true, vscode.ConfigurationTarget.Global);
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    assert.ok(extension, 'VS Code’s Git extension');
    const exports = extension.isActive ? extension.exports : await extension.activate();
    await until('the Git extension to be enabled', () => (exports.enabled ? true : undefined), { events: [(l) => exports.onDidChangeEnablement(l)], poll: 250 });
    const api = exports.getAPI(1);
    await until('the Git extension to find the repository', async () => {
      if (api.state === 'initialized' && !api.repositories.some((r) => r.rootUri.fsPath === folder())) await api.openRepository?.(vscode.Uri.file(folder()));
      return api.repositories.some((r) => r.rootUri.fsPath === folder()) ? true : undefined;
    }, { poll: 500 });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (existsSync(join(folder(), NEW_FILE))) await vscode.workspace.fs.delete(uri(NEW_FILE));
    await gitSettings().update('enabled', gitWasEnabled, vscode.ConfigurationTarget.Global);
    rmSync(join(folder(), '.git'), { recursive: true, force: true });
  });

  it('Inbound: Compare Roadmap with… a branch shows what the editor’s state does to the roadmap', async () => {
    await vscode.workspace.fs.writeFile(uri(NEW_FILE), new TextEncoder().encode(NEW_TEXT));
    const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
    await until('the server to check the new file', () => (vscode.languages.getDiagnostics(uri(NEW_FILE)).some((d) => code(d) === 'roadmap-gate') ? true : undefined), {
      events: [vscode.languages.onDidChangeDiagnostics],
    });
    // An unsaved edit: CHK-103 (one deal and one RFP) goes on the roadmap in the editor only.
    const checkout = await vscode.window.showTextDocument(uri('checkout.req.yaml'));
    const text = checkout.document.getText();
    const at = text.indexOf('status: proposed', text.indexOf('id: CHK-103'));
    assert.ok(at > 0, 'CHK-103 is proposed in the examples');
    await checkout.edit((e) => e.replace(new vscode.Range(checkout.document.positionAt(at), checkout.document.positionAt(at + 'status: proposed'.length)), 'status: roadmap'));
    assert.equal(checkout.document.isDirty, true);
    try {
      const diff = await vscode.commands.executeCommand<DiffResult | undefined>('inbound.compareRoadmap', 'base');
      assert.ok(diff, 'the command resolves to the diff it shows');
      assert.equal(diff.base.label, 'base');
      assert.equal(diff.base.commit, git('rev-parse', 'base'));
      assert.deepEqual(
        diff.entered.map((r) => [r.id, r.head?.verdict]).sort(),
        [
          ['CHK-103', 'blocked'],
          ['CMP-1', 'blocked'],
        ],
      );
      assert.deepEqual(diff.added.map((r) => r.id), ['CMP-1']);
      assert.deepEqual(diff.attention.blocked.map((r) => r.id).sort(), ['CHK-103', 'CMP-1']);
      // Requirements are named by URI, so a click in the webview opens them.
      assert.ok(diff.entered.every((r) => r.file.startsWith('file:')), JSON.stringify(diff.entered.map((r) => r.file)));
      const tab = await until("a webview tab 'Roadmap diff: base'", () => webviewTab('Roadmap diff: base'), {
        events: [(l) => vscode.window.tabGroups.onDidChangeTabs(l)],
      });
      assert.equal(tab.isActive, true);
    } finally {
      await vscode.window.showTextDocument(checkout.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
