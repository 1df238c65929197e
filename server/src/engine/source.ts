/**
 * What reading a requirement file from disk found out that its text alone cannot tell: that only its
 * head was read (the file is larger than max-file-kb), or that its bytes are not UTF-8. The Node layer
 * (server/src/node/read-text.ts) finds this out for the CLI and the language server alike; the engine
 * turns it into the file's one finding, judged and shown like any other. Text an editor gives has
 * none of it (the editor decoded the file itself).
 */
import type { LineIndex } from './text';
import type { Finding } from './types';

export interface FileSource {
  /**
   * The file's size in bytes, when only its head was read because it is larger than max-file-kb:
   * the text is that head (its first line, at least).
   */
  size?: number;
  /** Bytes that are not UTF-8: the text is a lenient decoding, positions still right. */
  encoding?: EncodingProblem;
}

export type EncodingProblem =
  /** A UTF-16 byte order mark: the text is decoded as UTF-16. */
  | { kind: 'utf-16'; byteOrder: 'little-endian' | 'big-endian' }
  /**
   * Bytes that are not UTF-8, each replaced by U+FFFD as an editor does: where the first run of them
   * starts in the text, how many characters replaced it, and its first byte (for a guess at the
   * encoding the file was written in).
   */
  | { kind: 'not-utf-8'; offset: number; length: number; firstByte: number };

/** Whether two reads tell the same (so an unchanged text need not be analysed again). */
export function sameSource(a: FileSource | undefined, b: FileSource | undefined): boolean {
  if (a === b) return true;
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
}

/** How the editor that most authors use changes a file's encoding. */
const IN_VS_CODE = 'in VS Code: the encoding in the status bar';

/** The one finding of a file whose bytes are not UTF-8. */
export function encodingFinding(lines: LineIndex, problem: EncodingProblem): Finding {
  if (problem.kind === 'utf-16') {
    return {
      code: 'yaml-syntax',
      message: `This file is UTF-16; requirement files are UTF-8: save it as UTF-8 (${IN_VS_CODE} → Save with Encoding → UTF-8).`,
      span: { start: 0, end: lines.lineEnd(0) },
    };
  }
  const line = lines.positionAt(problem.offset).line;
  const guess = encodingGuess(problem.firstByte);
  return {
    code: 'yaml-syntax',
    message:
      `Line ${line + 1} has bytes that are not UTF-8${guess ? ` (${guess})` : ''}: save the file as UTF-8 ` +
      `(${IN_VS_CODE} → Reopen with Encoding → the one it was written in, then Save with Encoding → UTF-8).`,
    span: { start: problem.offset, end: problem.offset + Math.max(1, problem.length) },
  };
}

/** Windows-1252's letters and signs at 0x80–0x9F (where Latin-1 has control codes); NUL where it has none. */
const WINDOWS_1252 = '€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ';

/**
 * The character a stray byte stands for in the two encodings files most often arrive in instead of
 * UTF-8: "é written as Latin-1?". None for a byte that is no visible character in either.
 */
function encodingGuess(byte: number): string | undefined {
  if (byte >= 0x80 && byte <= 0x9f) {
    const c = WINDOWS_1252[byte - 0x80];
    return c && c !== '\0' ? `${c} written as Windows-1252?` : undefined;
  }
  if (byte >= 0xa1 && byte !== 0xad) return `${String.fromCharCode(byte)} written as Latin-1?`;
  return undefined;
}
