/** Reading a requirement file from disk the way an editor shows it: UTF-8, BOM stripped. */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Invalid UTF-8 becomes U+FFFD (as in the editor); the BOM is dropped so columns match. */
export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * Only a regular file is read: a named pipe waits for a writer forever and a device such as
 * /dev/zero never ends, so either would hang a check. The file is opened without blocking (opening
 * a pipe blocks too) and looked at before anything is read.
 */
export function readText(path: string): string {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR' });
    if (!stat.isFile()) throw new Error('not a regular file (a pipe, a socket or a device)');
    return decodeText(readFileSync(fd));
  } finally {
    closeSync(fd);
  }
}
