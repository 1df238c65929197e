/** Offsets ↔ LSP positions (0-based lines, UTF-16 columns), right with CRLF and CR line ends. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  /** Offsets where each line starts (a typed array: a large file has tens of thousands). */
  private readonly starts: Int32Array;

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = Int32Array.from(starts);
  }

  /**
   * The index of `text`, which is this index's text with [start, oldEnd) replaced: line starts
   * before the edit are kept, those after it move by the edit's length, only the edited stretch is
   * scanned again.
   */
  edited(text: string, start: number, oldEnd: number): LineIndex {
    const delta = text.length - this.text.length;
    // Lines from the one holding the edit (a CR before it may now pair with an LF) are re-scanned.
    const first = this.lineOfOffset(Math.max(0, start - 1));
    const rescanFrom = this.starts[first];
    let after = first + 1;
    while (after < this.starts.length && this.starts[after] <= oldEnd + 1) after++;
    const rescanTo = after < this.starts.length ? this.starts[after] + delta : text.length;
    const middle: number[] = [];
    for (let i = rescanFrom; i < rescanTo; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        middle.push(i + 1);
      } else if (c === 10) middle.push(i + 1);
    }
    // The scan stopped at a line start; it comes again with the tail unless the edit ran to the end.
    if (middle[middle.length - 1] === rescanTo && after < this.starts.length) middle.pop();
    const tail = this.starts.length - after;
    const starts = new Int32Array(first + 1 + middle.length + tail);
    starts.set(this.starts.subarray(0, first + 1));
    starts.set(middle, first + 1);
    const base = first + 1 + middle.length;
    for (let i = 0; i < tail; i++) starts[base + i] = this.starts[after + i] + delta;
    return LineIndex.from(text, starts);
  }

  /**
   * The index of `text` from line starts kept from an earlier index of the same text (a stored
   * analysis); starts that cannot be that text's are refused.
   */
  static withStarts(text: string, starts: Int32Array): LineIndex {
    let ok = starts.length > 0 && starts[0] === 0;
    for (let i = 1; ok && i < starts.length; i++) ok = starts[i] > starts[i - 1] && starts[i] <= text.length;
    if (!ok) throw new Error('line starts that do not fit the text');
    return LineIndex.from(text, starts);
  }

  private static from(text: string, starts: Int32Array): LineIndex {
    const index = Object.create(LineIndex.prototype) as LineIndex;
    (index as { text: string }).text = text;
    (index as unknown as { starts: Int32Array }).starts = starts;
    return index;
  }

  /** The line an offset is on (binary search over the line starts). */
  private lineOfOffset(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset just after the line's last character, before its line break. */
  lineEnd(line: number): number {
    if (line >= this.starts.length - 1) return this.text.length;
    let end = this.starts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOfOffset(o);
    return { line, character: Math.min(o, this.lineEnd(line)) - this.starts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}
