/**
 * The extension where VS Code runs extensions on Node (the desktop, a remote, a codespace): the
 * language server is a Node process of its own, over IPC, and reads the disk itself.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/protocol';
import { activate as activateInbound, deactivate } from './extension';
import type { InboundApi } from './extension';

export { deactivate };

export function activate(context: vscode.ExtensionContext): Promise<InboundApi> {
  // Compare Roadmap needs git, which only a Node extension host has. In a browser's workbench
  // (isWeb) the command palette offers it only once this says the extension runs on Node.
  void vscode.commands.executeCommand('setContext', 'inbound.nodeHost', true);
  return activateInbound(context, (ctx, options) => {
    const module = ctx.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
    };
    return new LanguageClient('inbound', 'Inbound', serverOptions, options);
  });
}
