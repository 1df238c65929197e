/**
 * The language server's entry in the browser (VS Code for the Web): it runs in a worker the
 * extension starts, speaks to it over the worker's messages, and has no disk: the editor supplies
 * the files (lsp/client-files.ts). Everything else is the server that runs on Node.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from './lsp/session';

// The worker's own scope, which receives and posts messages as a Worker object does.
declare const self: Worker;

startServer(createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self)), {});
