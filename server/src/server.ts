/**
 * The language server's entry on Node: the VS Code extension starts it over IPC; `inbound lsp --stdio`
 * and other editors start it over stdio. The transport comes from the command line. On Node the
 * server reads the disk and git; in the browser (browser-server.ts) the editor supplies the files.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeHost } from './lsp/node-host';
import { startServer } from './lsp/session';

startServer(createConnection(ProposedFeatures.all), nodeHost());
