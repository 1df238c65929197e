/**
 * Reading a requirement file (or a config) from disk the way an editor shows it, for the CLI and the
 * language server alike, and no more of it than is safe and needed:
 *
 * - only inside the project's folder: the file's real path (every symbolic link resolved) must lie
 *   in the real path of the project's folder, the one rule for links (see `linkRule` in
 *   project-tree.ts); a link that leads out is refused before anything is opened;
 * - only a regular file: a named pipe waits for a writer forever and a device such as /dev/zero
 *   never ends. The file is opened without blocking (opening a pipe blocks too) and looked at with
 *   fstat before anything is read;
 * - only what is needed: a file larger than the limit (max-file-kb) is read no further than its
 *   first line, with its size from fstat, which is all its `file-too-large` finding needs. Reading a
 *   300 MB file whole cost 9 s and 670 MB for that one finding, and 1.1 GB did not fit in a string;
 * - as UTF-8: a UTF-16 byte order mark, or bytes that are not UTF-8, are decoded as well as they can
 *   be (positions stay right) and reported, for the engine to make the file's one finding of them.
 *
 * The language server reads with `readDiskTextAsync`, which never blocks its event loop.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { EncodingProblem, FileSource } from '../engine/source';
import { isInside } from './project-tree';

export interface ReadOptions {
  /**
   * The folder of the project the file is read for: the file's real path must lie in this folder's
   * real path. Give `realRoot` too when reading many files of one project (it saves a lookup each).
   */
  root: string;
  realRoot?: string;
  /** A file larger than this many bytes is not read beyond its first line (max-file-kb × 1024). */
  maxBytes: number;
}

export interface DiskText {
  text: string;
  /** What the engine is to know beyond the text: only its head was read, or it is not UTF-8. */
  source?: FileSource;
}

/** A file whose real path lies outside its project's folder: reached through a symbolic link. */
export class OutsideProject extends Error {
  readonly code = 'EOUTSIDE';
  constructor(readonly realPath: string) {
    super(`it is outside the project, through a symbolic link (to ${realPath}); links are followed only within the project`);
  }
}

/** How much of a too-large file is read for its first line; a longer first line is cut here. */
const HEAD_BYTES = 64 * 1024;
/** How much more to read at a time when a file turns out longer than fstat said (a /proc file says 0). */
const CHUNK = 64 * 1024;

/**
 * Opened without blocking (a pipe would block the open), and never through a link: the path opened
 * is the real path just checked, and a link put there since is refused (ELOOP) rather than followed.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** The real path of a project's folder, for `ReadOptions.realRoot`. */
export function realFolder(root: string): string {
  return realpathSync.native(root);
}

export async function realFolderAsync(root: string): Promise<string> {
  return realpath(root);
}

function inside(real: string, realRoot: string): string {
  if (!isInside(real, realRoot)) throw new OutsideProject(real);
  return real;
}

function regular(stat: Stats, path: string): void {
  if (stat.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR' });
  if (!stat.isFile()) throw new Error('not a regular file (a pipe, a socket or a device)');
}

/** The file's text as an editor shows it; see the module's comment for what is refused and why. */
export function readDiskText(path: string, options: ReadOptions): DiskText {
  const real = inside(realpathSync.native(path), options.realRoot ?? realFolder(options.root));
  const fd = openSync(real, OPEN_FLAGS);
  try {
    const stat = fstatSync(fd);
    regular(stat, path);
    const read = (buffer: Buffer, at: number, length: number) => readSync(fd, buffer, at, length, null);
    if (stat.size > options.maxBytes) return head(readUpTo(read, HEAD_BYTES, HEAD_BYTES), stat.size);
    return whole(readUpTo(read, options.maxBytes + 1, stat.size + 1), stat.size, options.maxBytes);
  } finally {
    closeSync(fd);
  }
}

/** The same without blocking: for the language server, whose event loop must keep answering. */
export async function readDiskTextAsync(path: string, options: ReadOptions): Promise<DiskText> {
  const real = inside(await realpath(path), options.realRoot ?? (await realFolderAsync(options.root)));
  const handle: FileHandle = await open(real, OPEN_FLAGS);
  try {
    const stat = await handle.stat();
    regular(stat, path);
    const read = async (buffer: Buffer, at: number, length: number) => (await handle.read(buffer, at, length, null)).bytesRead;
    if (stat.size > options.maxBytes) return head(await readUpToAsync(read, HEAD_BYTES, HEAD_BYTES), stat.size);
    return whole(await readUpToAsync(read, options.maxBytes + 1, stat.size + 1), stat.size, options.maxBytes);
  } finally {
    await handle.close();
  }
}

/**
 * Up to `cap` bytes from the current position, in a buffer sized by what fstat said (`expected`):
 * a file that grew since, or a /proc file whose size reads 0, is read on in chunks, never past `cap`.
 */
function readUpTo(read: (buffer: Buffer, at: number, length: number) => number, cap: number, expected: number): Buffer {
  let buffer: Buffer = Buffer.allocUnsafe(Math.max(1, Math.min(cap, expected)));
  let n = 0;
  for (;;) {
    if (n === buffer.length) {
      if (n >= cap) break;
      buffer = grow(buffer, Math.min(cap, n + Math.max(CHUNK, n)));
    }
    const got = read(buffer, n, buffer.length - n);
    if (got === 0) break;
    n += got;
  }
  return buffer.subarray(0, n);
}

async function readUpToAsync(read: (buffer: Buffer, at: number, length: number) => Promise<number>, cap: number, expected: number): Promise<Buffer> {
  let buffer: Buffer = Buffer.allocUnsafe(Math.max(1, Math.min(cap, expected)));
  let n = 0;
  for (;;) {
    if (n === buffer.length) {
      if (n >= cap) break;
      buffer = grow(buffer, Math.min(cap, n + Math.max(CHUNK, n)));
    }
    const got = await read(buffer, n, buffer.length - n);
    if (got === 0) break;
    n += got;
  }
  return buffer.subarray(0, n);
}

function grow(buffer: Buffer, size: number): Buffer {
  const bigger = Buffer.allocUnsafe(size);
  buffer.copy(bigger);
  return bigger;
}

/** A file read whole, unless it turned out longer than fstat said and than the limit. */
function whole(bytes: Buffer, statSize: number, maxBytes: number): DiskText {
  if (bytes.length > maxBytes) return head(bytes.subarray(0, HEAD_BYTES), Math.max(statSize, bytes.length));
  const { text, encoding } = decode(bytes);
  return encoding ? { text, source: { encoding } } : { text };
}

/** The first line of a file too large to check, and the file's size: all its finding needs. */
function head(bytes: Buffer, size: number): DiskText {
  const { text } = decode(bytes, true);
  let end = 0;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  if (text[end] === '\r' && text[end + 1] === '\n') end++;
  return { text: text.slice(0, Math.min(text.length, end + 1)), source: { size } };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');
const utf16le = new TextDecoder('utf-16le');

/**
 * Bytes → text as an editor shows it: UTF-8 with its byte order mark dropped (columns then match);
 * a UTF-16 file decoded as UTF-16; bytes that are not UTF-8 each become U+FFFD, as in the editor,
 * and are reported. A head (`partial`) may end inside a character: nothing is reported of it.
 */
export function decode(bytes: Uint8Array, partial = false): { text: string; encoding?: EncodingProblem } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: utf16le.decode(bytes.subarray(2)), encoding: { kind: 'utf-16', byteOrder: 'little-endian' } };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Swapped into little-endian order: Node's TextDecoder knows 'utf-16be' only with full ICU.
    const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    swapped.swap16();
    return { text: utf16le.decode(swapped), encoding: { kind: 'utf-16', byteOrder: 'big-endian' } };
  }
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    // Not UTF-8: decoded leniently below, and the first bad bytes found for the finding.
  }
  const text = lenientUtf8.decode(bytes);
  if (partial) return { text };
  const bad = firstInvalidUtf8(bytes);
  // Everything before the bad byte is UTF-8: its text's length is where the U+FFFD stands.
  const offset = lenientUtf8.decode(bytes.subarray(0, bad)).length;
  let length = 0;
  while (text.charCodeAt(offset + length) === 0xfffd) length++;
  return { text, encoding: { kind: 'not-utf-8', offset, length, firstByte: bytes[bad] } };
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence (Unicode 3.9, table 3-7). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b === 0xe0) [need, lo] = [2, 0xa0];
    else if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) need = 2;
    else if (b === 0xed) [need, hi] = [2, 0x9f];
    else if (b === 0xf0) [need, lo] = [3, 0x90];
    else if (b >= 0xf1 && b <= 0xf3) need = 3;
    else if (b === 0xf4) [need, hi] = [3, 0x8f];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return n;
}
