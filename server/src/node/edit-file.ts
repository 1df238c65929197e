/**
 * Applying an edit the engine planned to a requirement file on disk (`inbound mcp --allow-edits`),
 * with the rules every other read and write of Inbound keeps: the file is read under the rule for
 * symbolic links (it must lie inside the project), the edit is applied only to the very text it
 * was planned on (a file changed since is left alone), a byte order mark stays, and the file is
 * replaced whole (a reader never sees half of it; a link at the path is refused, not written through).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { applyEdits } from '../engine';
import type { TextEdit } from '../engine';
import { readDiskText } from './read-text';
import { replaceFileSync } from './replace-file';

/** The file is not the text the edit was planned on: it changed in between (or is not plain UTF-8). */
export class ChangedSincePlanned extends Error {
  readonly code = 'ECHANGED';
}

const BOM = [0xef, 0xbb, 0xbf];

function startsWithBom(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(3);
    const n = readSync(fd, head, 0, 3, 0);
    return n === 3 && BOM.every((b, i) => head[i] === b);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `file` with `planned` and `edits` applied, if the file on disk still holds `planned`;
 * throws `ChangedSincePlanned` otherwise, and whatever reading or writing throws (an
 * `OutsideProject`, a `SymbolicLinkTarget`, a permission error), having changed nothing.
 */
export function editFileSync(file: string, options: { root: string; planned: string; edits: readonly TextEdit[]; maxBytes: number }): string {
  const now = readDiskText(file, { root: options.root, maxBytes: options.maxBytes });
  if (now.source || now.text !== options.planned) throw new ChangedSincePlanned(`${file} changed since the edit was planned`);
  const text = applyEdits(options.planned, options.edits);
  replaceFileSync(file, (startsWithBom(file) ? '\ufeff' : '') + text);
  return text;
}
