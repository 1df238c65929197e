/**
 * The VS Code extension: starts the bundled language server and adds what only an editor has — the
 * status bar, the language status item, the commands, the settings, the walkthrough, the rule pages.
 * Everything Inbound knows comes from the server. The same in both of VS Code's extension hosts:
 * node-extension.ts starts the server as a Node process, browser-extension.ts in a web worker.
 */
import * as vscode from 'vscode';
import { CodeLensRequest } from 'vscode-languageclient';
import type { BaseLanguageClient as LanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { registerCommands, restart } from './commands';
import { registerCompareRoadmap } from './compare-roadmap';
import type { Server } from './commands';
import { CrashPolicy } from './crash-policy';
import { LanguageStatus } from './language-status';
import { registerLanguageModelTools } from './lm-tools';
import type { ShownStatus } from './language-status';
import { registerRuleDocs, ruleDocsBase } from './rule-docs';
import { lastStatus, onStatus, startStatusBar } from './status-bar';
import { supplyFiles } from './supplied-files';
import { registerWalkthrough } from './walkthrough';
import { offerSchemasToYamlExtension } from './yaml-schemas';

let client: LanguageClient | undefined;
let starting: Promise<LanguageClient> | undefined;
let crashPolicy: CrashPolicy | undefined;

/** What the extension tells other extensions (and its own tests) about itself. */
export interface InboundApi {
  /** How often the server died and was restarted, and how often the user was told. */
  serverCrashes(): { restarts: number; warnings: number };
  /** What the status bar shows now (text and tooltip), once the workspace has been read. */
  statusBar(): { text: string; tooltip: string } | undefined;
  /** What the language status item shows for the file in the editor, once known. */
  languageStatus(): ShownStatus | undefined;
  /** Whether the language server has been started. */
  serverStarted(): boolean;
  /**
   * A language-model tool as registered. Under test VS Code confirms every tool call itself without
   * showing the dialog, so the tests ask the tool what it would have the person confirm.
   */
  languageModelTool(name: string): vscode.LanguageModelTool<object> | undefined;
}

/** Starts the language server where the extension runs, as a client with these options. */
export type LaunchServer = (context: vscode.ExtensionContext, options: LanguageClientOptions) => LanguageClient | Promise<LanguageClient>;

const REQUIREMENT_FILE = /\.req\.ya?ml$|(^|[\\/])inbound\.config\.yaml$/;

export async function activate(context: vscode.ExtensionContext, launch: LaunchServer): Promise<InboundApi> {
  const output = vscode.window.createOutputChannel('Inbound', { log: true });
  context.subscriptions.push(output);
  crashPolicy = new CrashPolicy(output);
  const server: Server = {
    client: () => client,
    start: () => (starting ??= start(context, launch, output, languageStatus)),
  };
  const languageStatus = new LanguageStatus(server, vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', 'README.md'));
  context.subscriptions.push(languageStatus);
  registerCommands(context, server, output);
  registerCompareRoadmap(context, () => client);
  registerRuleDocs(context);
  registerWalkthrough(context);
  // A chat that asks before any requirement file exists still gets its answer: the server starts.
  const tools = registerLanguageModelTools(context, async () => server.client() ?? server.start());
  void offerSchemasToYamlExtension(context);
  const api: InboundApi = {
    serverCrashes: () => ({ restarts: crashPolicy!.restarts, warnings: crashPolicy!.warnings }),
    statusBar: lastStatus,
    languageStatus: () => languageStatus.current(),
    serverStarted: () => client !== undefined,
    languageModelTool: (name) => tools.get(name),
  };

  // Activated for any YAML file, or by a command; the server starts once there is a requirement
  // file to check (New Requirement writes the first one, and starts it).
  if (await hasRequirementFiles()) {
    await server.start();
    return api;
  }
  const waiting = vscode.workspace.onDidOpenTextDocument(async (doc) => {
    if (!REQUIREMENT_FILE.test(doc.uri.path) || client) return;
    waiting.dispose();
    await server.start();
  });
  context.subscriptions.push(waiting);
  return api;
}

async function hasRequirementFiles(): Promise<boolean> {
  if (vscode.workspace.textDocuments.some((d) => REQUIREMENT_FILE.test(d.uri.path))) return true;
  const found = await vscode.workspace.findFiles('**/{*.req.yaml,*.req.yml,inbound.config.yaml}', '**/node_modules/**', 1);
  return found.length > 0;
}

async function start(context: vscode.ExtensionContext, launch: LaunchServer, output: vscode.LogOutputChannel, languageStatus: LanguageStatus): Promise<LanguageClient> {
  const clientOptions: LanguageClientOptions = {
    // Every YAML document: the server knows which are requirement files (the config's globs decide).
    documentSelector: [{ language: 'yaml' }],
    diagnosticPullOptions: { onChange: true, onSave: true },
    outputChannel: output,
    // Read again at every (re)start: trust can be granted in between.
    initializationOptions: () => ({
      debounceMs: vscode.workspace.getConfiguration('inbound').get<number>('diagnostics.delay', 200),
      trusted: vscode.workspace.isTrusted,
      // A finding's code links to its rule's page, which rule-docs.ts opens inside VS Code.
      ruleDocs: ruleDocsBase(context),
      // Analyses kept between sessions in this workspace's storage: a large workspace opens without
      // parsing the files that did not change. None without a folder (no storage of its own).
      cacheFile: context.storageUri?.scheme === 'file' ? vscode.Uri.joinPath(context.storageUri, 'analyses.cache').fsPath : undefined,
    }),
    middleware: {
      provideCodeLenses: (document, token, next) =>
        vscode.workspace.getConfiguration('inbound', document.uri).get<boolean>('codeLens.enabled', true) ? next(document, token) : [],
    },
    // A crashed server is restarted; the user hears of it once, not on every restart.
    errorHandler: crashPolicy,
  };
  const started = await launch(context, clientOptions);
  client = started;
  // Files the server cannot read itself (the browser, a virtual workspace) it asks the editor for.
  supplyFiles(started, context.subscriptions);
  context.subscriptions.push(startStatusBar(started));
  context.subscriptions.push({ dispose: () => void client?.stop() });
  languageStatus.follow(started);
  // Which files are checked can change with any re-check (a config edited, a project added).
  context.subscriptions.push(onStatus(() => void languageStatus.refresh()));
  await started.start();
  context.subscriptions.push(
    // Trust lets the server run the workspace's own id-pattern: start it again with it.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void (client && restart(client))),
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The editor asks for lenses again only when their provider says they changed.
      if (!e.affectsConfiguration('inbound.codeLens.enabled')) return;
      const lenses = client?.getFeature(CodeLensRequest.method);
      for (const editor of vscode.window.visibleTextEditors) lenses?.getProvider(editor.document)?.onDidChangeCodeLensEmitter.fire();
    }),
  );
  return started;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
  starting = undefined;
}
