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
      // Only the first line counts for a file too large to check (the engine says so on it).
      const head = decode(bytes.subarray(0, HEAD_BYTES)).text;
      const end = head.search(/\r?\n/);
      return { text: end < 0 ? head : head.slice(0, end), source: { size: bytes.length } };
    }
    return decode(bytes);
  } catch {
    return null;
  }
}

/** The file's text as VS Code would show it: UTF-8, or UTF-16 after its byte order mark; anything else said. */
export function decode(bytes: Uint8Array): ReadFileResult {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), source: { encoding: { kind: 'utf-16', byteOrder: 'little-endian' } } };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), source: { encoding: { kind: 'utf-16', byteOrder: 'big-endian' } } };
  const text = new TextDecoder('utf-8').decode(bytes);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text };
  } catch {
    return { text, source: { encoding: notUtf8(bytes) } };
  }
}

/** Where the first bytes that are not UTF-8 are: in the text (as U+FFFD), how many, and the first byte. */
function notUtf8(bytes: Uint8Array): { kind: 'not-utf-8'; offset: number; length: number; firstByte: number } {
  // The longest prefix with no bad byte in it (a character cut short at its end is not bad yet).
  let good = 0;
  let bad = bytes.length;
  while (good < bad) {
    const mid = Math.ceil((good + bad) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid - 1;
    }
  }
  // The bad run starts after the whole characters of that prefix.
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, good), { stream: true });
  const start = new TextEncoder().encode(before).length;
  const text = new TextDecoder('utf-8').decode(bytes);
  const offset = Math.max(before.length, text.indexOf('\uFFFD', before.length));
  const length = /^\uFFFD+/.exec(text.slice(offset))?.[0].length ?? 1;
  return { kind: 'not-utf-8', offset, length, firstByte: bytes[start] ?? 0 };
}
