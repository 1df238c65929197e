/**
 * The language server's entry: the VS Code extension starts it over IPC; `inbound lsp --stdio` and
 * other editors start it over stdio. The transport comes from the command line.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/session';

startServer(createConnection(ProposedFeatures.all));
