/** `inbound lsp --stdio`: the language server for any editor, the same one the VS Code extension runs. */
import { UsageError } from '../node/usage-error';
import type { CliIo } from './io';

export async function lspCommand(args: string[], _io: CliIo): Promise<number> {
  if (!args.includes('--stdio')) throw new UsageError("inbound lsp speaks the Language Server Protocol over stdio: run 'inbound lsp --stdio'");
  const { createConnection, ProposedFeatures } = await import('vscode-languageserver/node');
  const { startServer } = await import('../lsp/session');
  const { nodeHost } = await import('../lsp/node-host');
  startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout), nodeHost());
  // The server ends the process itself when the editor says exit.
  return new Promise<number>(() => undefined);
}
