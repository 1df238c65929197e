/**
 * Inbound: Compare Roadmap with… — the roadmap diff of `inbound diff`, in the editor: what the
 * workspace as it is now (unsaved edits included) does to the roadmap, against a branch, tag or
 * commit. The base's texts come from VS Code's own Git extension (its API, never `git` output parsed
 * here); the language server builds the base from them with the same engine and compares; the diff
 * is shown in a webview in the report's style, where a click on a requirement opens it.
 */
import * as vscode from 'vscode';
import { randomBase64url } from './random';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { RoadmapDiff } from '../../server/src/engine/diff';
import { DiffRequest } from '../../server/src/lsp/protocol';
import { isOpenMessage } from '../../server/src/report';
import { diffTitle, renderDiffHtml } from '../../server/src/report/diff-render';

export const COMPARE_ROADMAP = 'inbound.compareRoadmap';

// ----- the parts of the Git extension's API (`vscode.git`, version 1) used here ----------------

interface GitChange {
  readonly uri: vscode.Uri;
  readonly originalUri: vscode.Uri;
  readonly renameUri?: vscode.Uri;
}

const enum RefType {
  Head = 0,
  RemoteHead = 1,
  Tag = 2,
}

interface GitRef {
  readonly type: RefType;
  readonly name?: string;
  readonly commit?: string;
  readonly remote?: string;
}

interface GitCommit {
  readonly hash: string;
  readonly message: string;
  readonly authorName?: string;
  readonly authorDate?: Date;
}

interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: {
    readonly HEAD?: { readonly name?: string; readonly commit?: string };
    readonly refs?: GitRef[];
    readonly workingTreeChanges: GitChange[];
    readonly indexChanges: GitChange[];
    readonly untrackedChanges?: GitChange[];
  };
  getRefs?(query: { sort?: 'alphabetically' | 'committerdate'; count?: number }): Promise<GitRef[]>;
  log(options?: { maxEntries?: number }): Promise<GitCommit[]>;
  getCommit(ref: string): Promise<GitCommit>;
  show(ref: string, path: string): Promise<string>;
  diffWith(ref: string): Promise<GitChange[]>;
  status?(): Promise<void>;
}

interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly repositories: GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
  onDidChangeState(listener: (state: 'uninitialized' | 'initialized') => void): vscode.Disposable;
}

/** The Git extension's API once it has found its repositories; undefined where there is no git. */
async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<{ enabled: boolean; getAPI(version: 1): GitApi }>('vscode.git');
  if (!extension) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  if (!exports?.enabled) return undefined;
  const api = exports.getAPI(1);
  if (api.state !== 'initialized') {
    await new Promise<void>((resolve) => {
      const d = api.onDidChangeState((s) => {
        if (s !== 'initialized') return;
        d.dispose();
        resolve();
      });
    });
  }
  return api;
}

// ----- the command -------------------------------------------------------------------------------

/**
 * Registers the command. It takes an optional ref (a branch, tag or commit: the tests and other
 * extensions pass one; a person picks from a list) and resolves to the diff it showed.
 */
export function registerCompareRoadmap(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMPARE_ROADMAP, (ref?: unknown) => compareRoadmap(context, client(), typeof ref === 'string' ? ref : undefined)),
  );
}

async function compareRoadmap(context: vscode.ExtensionContext, client: LanguageClient | undefined, ref: string | undefined): Promise<RoadmapDiff | undefined> {
  if (!client) {
    void vscode.window.showInformationMessage('Inbound starts once the workspace has a requirement file (*.req.yaml).');
    return undefined;
  }
  const git = await gitApi();
  if (!git) {
    void vscode.window.showWarningMessage('Comparing the roadmap needs git and VS Code’s Git extension, which is not available here.');
    return undefined;
  }
  const repository = await pickRepository(git);
  if (!repository) {
    void vscode.window.showInformationMessage('There is no git repository in this workspace to compare the roadmap with.');
    return undefined;
  }
  const base = ref ?? (await pickBase(repository));
  if (!base) return undefined;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Comparing the roadmap with ${base}` }, async () => {
    const commit = await repository.getCommit(base).then(
      (c) => c.hash,
      () => undefined,
    );
    if (!commit) {
      void vscode.window.showErrorMessage(`Inbound cannot compare with '${base}': it is not a branch, tag or commit of ${vscode.workspace.asRelativePath(repository.rootUri)}.`);
      return undefined;
    }
    const files = await baseTexts(repository, commit);
    const diff = await client.sendRequest(DiffRequest, { base, commit, root: repository.rootUri.toString(), files });
    if (!diff) {
      void vscode.window.showErrorMessage('Inbound could not compare the roadmap; the Inbound output channel says why.');
      return undefined;
    }
    DiffPanel.show(context, diff);
    return diff;
  });
}

async function pickRepository(git: GitApi): Promise<GitRepository | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const own = active && git.getRepository(active);
  if (own) return own;
  if (git.repositories.length <= 1) return git.repositories[0];
  const picked = await vscode.window.showQuickPick(
    git.repositories.map((r) => ({ label: vscode.workspace.asRelativePath(r.rootUri), repository: r })),
    { placeHolder: 'Compare the roadmap of which repository?' },
  );
  return picked?.repository;
}

interface BaseItem extends vscode.QuickPickItem {
  ref?: string;
}

/** Branches (local, then remote), tags and recent commits, from the Git extension. */
async function pickBase(repository: GitRepository): Promise<string | undefined> {
  const refs = (await repository.getRefs?.({ sort: 'committerdate' }).catch(() => undefined)) ?? repository.state.refs ?? [];
  const head = repository.state.HEAD?.name;
  const short = (commit?: string) => commit?.slice(0, 8);
  const group = (label: string, items: BaseItem[]): BaseItem[] => (items.length ? [{ label, kind: vscode.QuickPickItemKind.Separator }, ...items] : []);
  const branches = refs.filter((r) => r.type === RefType.Head && r.name && r.name !== head).map((r) => ({ label: r.name!, description: short(r.commit), ref: r.name }));
  const remotes = refs
    .filter((r) => r.type === RefType.RemoteHead && r.name && !r.name.endsWith('/HEAD'))
    .map((r) => ({ label: r.name!, description: short(r.commit), ref: r.name }));
  const tags = refs.filter((r) => r.type === RefType.Tag && r.name).map((r) => ({ label: r.name!, description: short(r.commit), ref: r.name }));
  const commits = (await repository.log({ maxEntries: 30 }).catch(() => [] as GitCommit[])).map((c) => ({
    label: short(c.hash)!,
    description: c.message.split('\n')[0],
    detail: [c.authorName, c.authorDate?.toLocaleDateString()].filter(Boolean).join(', '),
    ref: c.hash,
  }));
  const picked = await vscode.window.showQuickPick<BaseItem>(
    [...group('Branches', branches), ...group('Remote branches', remotes), ...group('Tags', tags), ...group('Recent commits', commits)],
    { placeHolder: 'Compare the roadmap with which branch, tag or commit?', matchOnDescription: true },
  );
  return picked?.ref;
}

/**
 * The base's text of every YAML file that may differ from it, by URI; null for one the base does not
 * have. What may differ: what git says differs from the base (committed, staged or not), files git
 * does not track yet, and documents with unsaved edits (the server compares what the editor has).
 * Every other file is at the base as it is now, and the server holds it already.
 */
async function baseTexts(repository: GitRepository, commit: string): Promise<Record<string, string | null>> {
  const candidates = new Map<string, vscode.Uri>();
  const root = repository.rootUri.fsPath;
  const add = (uri: vscode.Uri | undefined) => {
    if (uri && uri.scheme === 'file' && /\.ya?ml$/i.test(uri.path) && uri.fsPath.startsWith(root)) candidates.set(uri.toString(), uri);
  };
  // The extension's picture of the working tree follows file events with a delay: a file created a
  // moment ago would be missing from its untracked changes, and taken for one the base has too.
  await repository.status?.().catch(() => undefined);
  const changes = [
    ...(await repository.diffWith(commit)),
    ...repository.state.workingTreeChanges,
    ...repository.state.indexChanges,
    ...(repository.state.untrackedChanges ?? []),
  ];
  for (const c of changes) {
    add(c.uri);
    add(c.originalUri);
    add(c.renameUri);
  }
  for (const doc of vscode.workspace.textDocuments) if (doc.isDirty) add(doc.uri);

  const out: Record<string, string | null> = {};
  const queue = [...candidates.entries()];
  // A few git processes at a time, not one per file at once.
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [key, uri] = next;
      out[key] = await repository.show(commit, uri.fsPath).then(
        (text) => text,
        () => null,
      );
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return out;
}

// ----- the panel ---------------------------------------------------------------------------------

/** One panel for the latest comparison, in the report's style; a click on a requirement opens it at head. */
class DiffPanel {
  private static current: DiffPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private diff: RoadmapDiff,
  ) {
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    panel.webview.onDidReceiveMessage((m) => void this.open(m), undefined, this.disposables);
    this.render();
  }

  static show(context: vscode.ExtensionContext, diff: RoadmapDiff): void {
    if (DiffPanel.current) {
      DiffPanel.current.diff = diff;
      DiffPanel.current.render();
      DiffPanel.current.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel('inbound.roadmapDiff', diffTitle(diff), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [context.extensionUri],
      enableCommandUris: false,
    });
    DiffPanel.current = new DiffPanel(panel, diff);
  }

  private render(): void {
    this.panel.title = diffTitle(this.diff);
    this.panel.webview.html = renderDiffHtml(this.diff, {
      target: 'webview',
      nonce: randomBase64url(18),
      cspSource: this.panel.webview.cspSource,
    });
  }

  /** Opens the clicked requirement, if the message names a file the diff shows at head (and nothing else). */
  private async open(message: unknown): Promise<void> {
    if (!isOpenMessage(message)) return;
    const d = this.diff;
    const atHead = new Set(
      [...d.entered, ...d.left, ...d.verdicts, ...d.evidence, ...d.warnings, ...d.waivers, ...d.added, ...d.renamed, ...d.moved]
        .filter((r) => r.side === 'head')
        .map((r) => r.file),
    );
    if (!atHead.has(message.file)) return;
    const at = new vscode.Position(message.line, 0);
    await vscode.window.showTextDocument(vscode.Uri.parse(message.file, true), { selection: new vscode.Range(at, at), viewColumn: vscode.ViewColumn.One });
  }

  private dispose(): void {
    DiffPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}
