/**
 * Where new lines go in a YAML block, and how they are indented: read from the text around them, so
 * an inserted item looks like its neighbours (same indentation, same line endings).
 */

/** A line break at `offset` (CRLF, a lone CR or LF), or '' if there is none. */
function breakAt(text: string, offset: number): string {
  if (text[offset] === '\r') return text[offset + 1] === '\n' ? '\r\n' : '\r';
  return text[offset] === '\n' ? '\n' : '';
}

/** The file's own line break, from its first line: CRLF files stay CRLF, classic-Mac files CR. */
export function eolOf(text: string): string {
  const i = text.search(/[\r\n]/);
  return i < 0 ? '\n' : breakAt(text, i);
}

/**
 * The line break to write at `offset`: the one that ends the line `offset` is on, or else the one
 * before it (the last line of a file without a final line break). A file that mixes CRLF, CR and
 * LF gets, at each place, the line break of the line it touches.
 */
export function eolAt(text: string, offset: number): string {
  const end = lineEndOf(text, offset);
  if (end < text.length) return breakAt(text, end);
  const start = lineStartOf(text, offset);
  if (start === 0) return eolOf(text);
  return text[start - 1] === '\n' && text[start - 2] === '\r' ? '\r\n' : text[start - 1];
}

export function lineStartOf(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

export function lineEndOf(text: string, offset: number): number {
  let i = Math.max(0, offset);
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** From the end of a line (its line break), past the line break: the start of the next line. */
export function nextLineStart(text: string, lineEnd: number): number {
  return lineEnd + breakAt(text, lineEnd).length;
}

/** The end of the line before the line starting at `lineStart` (where its line break starts). */
export function previousLineEnd(text: string, lineStart: number): number {
  return lineStart >= 2 && text[lineStart - 1] === '\n' && text[lineStart - 2] === '\r' ? lineStart - 2 : Math.max(0, lineStart - 1);
}

/** UTF-16 column of an offset: the indentation of a key that starts there. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** Whether only spaces (and list dashes) come before `offset` on its line: it starts a block line. */
export function startsBlockLine(text: string, offset: number): boolean {
  return /^[ -]*$/.test(text.slice(lineStartOf(text, offset), offset));
}

/**
 * The column of the list dash that introduces the item starting at `offset` (`- kind: …`), if the
 * item is written on a dash line.
 */
export function dashColumn(text: string, offset: number): number | undefined {
  const before = text.slice(lineStartOf(text, offset), offset);
  const m = /^( *)- +$/.exec(before) ?? /^( *)- +(?:- +)*$/.exec(before);
  return m ? m[1].length : undefined;
}

/**
 * Where the text of a node that ends at `end` really ends: `yaml` lets a block's range run on over
 * the line break (and blank lines) after its last value.
 */
export function contentEnd(text: string, end: number): number {
  let e = Math.min(end, text.length);
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  return e;
}

/**
 * The offset at the end of a block's last line (after any comment on it). Lines are added there,
 * after any multi-line value.
 */
export function afterBlock(text: string, end: number): number {
  return lineEndOf(text, contentEnd(text, end));
}

/**
 * The blank lines after the line ending at `lineEnd`: where they end (after their last line break,
 * at the start of the next line), how many line breaks there are (the first one ends the line
 * itself), and whether only white space follows to the end of the file.
 */
export function blankLinesAfter(text: string, lineEnd: number): { end: number; breaks: number; toEof: boolean } {
  let at = lineEnd;
  let end = lineEnd;
  let breaks = 0;
  for (;;) {
    const eol = breakAt(text, at);
    if (eol) {
      at += eol.length;
      end = at;
      breaks++;
    } else if (text[at] === ' ' || text[at] === '\t') {
      at++;
    } else {
      return { end, breaks, toEof: at >= text.length };
    }
  }
}

/**
 * Whether the line holds an `inbound-ignore` comment: it silences the line after it, so nothing may
 * be inserted between the two.
 */
export function silencesNextLine(text: string, offset: number): boolean {
  const line = text.slice(lineStartOf(text, offset), lineEndOf(text, offset));
  return /(^|\s)#\s*inbound-ignore\b/.test(line);
}
