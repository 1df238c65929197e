/** Reading a requirement file from disk the way an editor shows it: UTF-8, BOM stripped. */
import { readFileSync } from 'node:fs';

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Invalid UTF-8 becomes U+FFFD (as in the editor); the BOM is dropped so columns match. */
export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function readText(path: string): string {
  return decodeText(readFileSync(path));
}
