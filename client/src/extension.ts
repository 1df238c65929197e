/**
 * The VS Code extension: starts the bundled language server and adds what only an editor has — the
 * status bar, the commands, the settings. Everything Inbound knows comes from the server.
 */
import * as vscode from 'vscode';
import { CodeLensRequest, LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/protocol';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { registerCompareRoadmap } from './compare-roadmap';
import { CrashPolicy } from './crash-policy';
import { lastStatus, startStatusBar } from './status-bar';
import { offerSchemasToYamlExtension } from './yaml-schemas';

let client: LanguageClient | undefined;
let crashPolicy: CrashPolicy | undefined;

/** What the extension tells other extensions (and its own tests) about itself. */
export interface InboundApi {
  /** How often the server died and was restarted, and how often the user was told. */
  serverCrashes(): { restarts: number; warnings: number };
  /** What the status bar shows now (text and tooltip), once the workspace has been read. */
  statusBar(): { text: string; tooltip: string } | undefined;
}

const REQUIREMENT_FILE = /\.req\.ya?ml$|(^|[\\/])inbound\.config\.yaml$/;

export async function activate(context: vscode.ExtensionContext): Promise<InboundApi> {
  const output = vscode.window.createOutputChannel('Inbound', { log: true });
  context.subscriptions.push(output);
  registerCommands(context, () => client, output);
  registerCompareRoadmap(context, () => client);
  void offerSchemasToYamlExtension(context);
  crashPolicy = new CrashPolicy(output);
  const api: InboundApi = {
    serverCrashes: () => ({ restarts: crashPolicy!.restarts, warnings: crashPolicy!.warnings }),
    statusBar: lastStatus,
  };

  // Activated for any YAML file; the server starts once there is a requirement file to check.
  if (await hasRequirementFiles()) {
    await start(context, output);
    return api;
  }
  const waiting = vscode.workspace.onDidOpenTextDocument(async (doc) => {
    if (!REQUIREMENT_FILE.test(doc.uri.path) || client) return;
    waiting.dispose();
    await start(context, output);
  });
  context.subscriptions.push(waiting);
  return api;
}

async function hasRequirementFiles(): Promise<boolean> {
  if (vscode.workspace.textDocuments.some((d) => REQUIREMENT_FILE.test(d.uri.path))) return true;
  const found = await vscode.workspace.findFiles('**/{*.req.yaml,*.req.yml,inbound.config.yaml}', '**/node_modules/**', 1);
  return found.length > 0;
}

async function start(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every YAML document: the server knows which are requirement files (the config's globs decide).
    documentSelector: [{ language: 'yaml' }],
    diagnosticPullOptions: { onChange: true, onSave: true },
    outputChannel: output,
    // Read again at every (re)start: trust can be granted in between.
    initializationOptions: () => ({
      debounceMs: vscode.workspace.getConfiguration('inbound').get<number>('diagnostics.delay', 200),
      trusted: vscode.workspace.isTrusted,
    }),
    middleware: {
      provideCodeLenses: (document, token, next) =>
        vscode.workspace.getConfiguration('inbound', document.uri).get<boolean>('codeLens.enabled', true) ? next(document, token) : [],
    },
    // A crashed server is restarted; the user hears of it once, not on every restart.
    errorHandler: crashPolicy,
  };
  client = new LanguageClient('inbound', 'Inbound', serverOptions, clientOptions);
  context.subscriptions.push(startStatusBar(client));
  context.subscriptions.push({ dispose: () => void client?.stop() });
  await client.start();
  context.subscriptions.push(
    // Trust lets the server run the workspace's own id-pattern: start it again with it.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.restart()),
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The editor asks for lenses again only when their provider says they changed.
      if (!e.affectsConfiguration('inbound.codeLens.enabled')) return;
      const lenses = client?.getFeature(CodeLensRequest.method);
      for (const editor of vscode.window.visibleTextEditors) lenses?.getProvider(editor.document)?.onDidChangeCodeLensEmitter.fire();
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
