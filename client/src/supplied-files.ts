/**
 * The files the editor supplies to the language server where the server cannot read them itself:
 * in VS Code for the Web (the server runs in a worker, with no disk) and for folders of a virtual
 * file system on the desktop. The server asks for a project's files by its config's globs and reads
 * each through here (server/src/lsp/client-files.ts); changes reach it through the file watcher the
 * language client keeps for it, as on the desktop.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FindFilesRequest, ReadFileRequest } from '../../server/src/lsp/protocol';
import type { FindFilesParams, ReadFileParams, ReadFileResult } from '../../server/src/lsp/protocol';
import { decode } from './file-bytes';

export function supplyFiles(client: BaseLanguageClient, subscriptions: vscode.Disposable[]): void {
  subscriptions.push(client.onRequest(FindFilesRequest, findFiles), client.onRequest(ReadFileRequest, readFile));
}

async function findFiles({ folder, include, exclude }: FindFilesParams): Promise<string[]> {
  const base = vscode.Uri.parse(folder, true);
  // VS Code's globs take no braces inside braces, so each glob is a search of its own; the
  // server's own glob matching then decides (the search only narrows it down).
  const skip = exclude.length === 0 ? undefined : exclude.length === 1 ? exclude[0] : exclude.some((g) => /[{}]/.test(g)) ? undefined : `{${exclude.join(',')}}`;
  const found = await Promise.all(
    include.map((glob) => vscode.workspace.findFiles(new vscode.RelativePattern(base, glob), skip === undefined ? undefined : new vscode.RelativePattern(base, skip))),
  );
  return [...new Set(found.flat().map((uri) => uri.toString()))];
}

/** How much of a file too large to check is read: enough for its first line. */
const HEAD_BYTES = 64 * 1024;

async function readFile({ uri, maxBytes }: ReadFileParams): Promise<ReadFileResult | null> {
  const file = vscode.Uri.parse(uri, true);
  try {
    const stat = await vscode.workspace.fs.stat(file);
    if ((stat.type & vscode.FileType.File) === 0) return null;
    const bytes = await vscode.workspace.fs.readFile(file);
    if (bytes.length > maxBytes) {
      // Only the first line, with its line end, counts for a file too large to check (the engine
      // says so on it), as the server's own reads on Node give it (server/src/node/read-text.ts).
      const head = decode(bytes.subarray(0, HEAD_BYTES)).text;
      const end = head.search(/\r\n|\r|\n/);
      const lineEnd = end < 0 ? head.length : end + (head.startsWith('\r\n', end) ? 2 : 1);
      return { text: head.slice(0, lineEnd), source: { size: bytes.length } };
    }
    return decode(bytes);
  } catch {
    return null;
  }
}
