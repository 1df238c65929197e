/**
 * A file's bytes as text, the way the server's own reads on Node decode them
 * (server/src/node/read-text.ts), for the files the extension reads for a server without a disk:
 * UTF-8 without its byte order mark, UTF-16 after its mark, and bytes that are not UTF-8 each
 * U+FFFD, said where. Web APIs only: the browser has no Buffer.
 */
import type { ReadFileResult } from '../../server/src/lsp/protocol';

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
