/**
 * The extension in VS Code for the Web (github.dev, vscode.dev, and wherever VS Code runs extensions
 * in a browser's web worker): the language server runs in a worker of its own, so checking never
 * holds up the thread every web extension shares, and it has no disk: the editor supplies the files
 * (supplied-files.ts). What needs git (Compare Roadmap) is not offered here (see node-extension.ts).
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import type { LanguageClientOptions, MessageTransports } from 'vscode-languageclient/browser';
import { isIsoDate } from '../../server/src/engine';
import { activate as activateInbound, deactivate as deactivateInbound } from './extension';
import type { InboundApi } from './extension';

let server: { worker: Worker; url: string } | undefined;

export function activate(context: vscode.ExtensionContext): Promise<InboundApi> {
  context.subscriptions.push({ dispose: stopWorker });
  return activateInbound(context, (ctx, options) => new LanguageClient('inbound', 'Inbound', () => startWorker(ctx), withClock(options)));
}

export async function deactivate(): Promise<void> {
  await deactivateInbound();
  stopWorker();
}

/**
 * A fresh worker for each start of the client (a restart too). It is made from the script's text:
 * a worker from the extension's own URL is refused where that URL is not the page's (code-server
 * serves extensions from the remote), while a blob URL works everywhere; the host's `fetch` reads the
 * extension's files wherever they are.
 */
async function startWorker(context: vscode.ExtensionContext): Promise<MessageTransports> {
  stopWorker();
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  const response = await fetch(script.toString(true));
  if (!response.ok) throw new Error(`Inbound could not load its language server (${script.toString(true)}: ${response.status})`);
  const url = URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' }));
  const worker = new Worker(url, { name: 'Inbound language server' });
  server = { worker, url };
  return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
}

function stopWorker(): void {
  server?.worker.terminate();
  if (server) URL.revokeObjectURL(server.url);
  server = undefined;
}

/**
 * The server's clock for tests: on Node they set INBOUND_TODAY in the environment, which a web
 * worker does not have; here the setting `inbound.today` (not contributed: it is no user's setting)
 * does the same.
 */
function withClock(options: LanguageClientOptions): LanguageClientOptions {
  const base = options.initializationOptions;
  return {
    ...options,
    initializationOptions: () => {
      const today = vscode.workspace.getConfiguration('inbound').get<string>('today');
      const given = typeof base === 'function' ? (base as () => object)() : base;
      return { ...given, ...(typeof today === 'string' && isIsoDate(today) ? { today } : {}) };
    },
  };
}
