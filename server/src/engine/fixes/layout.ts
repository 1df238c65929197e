/**
 * Where new lines go in a YAML block, and how they are indented: read from the text around them, so
 * an inserted item looks like its neighbours (same indentation, same line endings).
 */

/** The file's own line break: CRLF files stay CRLF. */
export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
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

/** Insert whole lines after a block ending at `end`: `lines` without line breaks. */
export function insertLines(text: string, end: number, lines: string[]): { span: { start: number; end: number }; newText: string } {
  const eol = eolOf(text);
  const at = afterBlock(text, end);
  return { span: { start: at, end: at }, newText: eol + lines.join(eol) };
}
