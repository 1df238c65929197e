/**
 * Keystrokes a person makes in a large requirement file: one letter typed into the title of a
 * requirement somewhere in the file. Each keeps the YAML valid, so the timing is of re-checking a
 * normal edit, not of recovering from a syntax error.
 */
import { Random } from './random';

export interface Keystroke {
  line: number;
  character: number;
  text: string;
}

export function planKeystrokes(text: string, count: number, seed: number): Keystroke[] {
  const random = new Random(seed);
  const lines = text.split('\n');
  const titles: { line: number; start: number; end: number }[] = [];
  lines.forEach((l, i) => {
    const m = /^(\s+title: )(.*)$/.exec(l);
    if (!m || m[2].length < 3) return;
    let start = m[1].length;
    let end = l.length;
    // Inside the quotes of a quoted title, never before the opening or after the closing one.
    if (m[2].startsWith('"')) {
      start++;
      end--;
    }
    // Not before the first character: a letter there could make a plain value start differently.
    titles.push({ line: i, start: start + 1, end });
  });
  if (!titles.length) throw new Error('the file has no titles to type into');
  const out: Keystroke[] = [];
  const extra = new Map<number, number>();
  for (let k = 0; k < count; k++) {
    const t = random.pick(titles);
    // Earlier keystrokes on the same line made it longer.
    const end = t.end + (extra.get(t.line) ?? 0);
    out.push({ line: t.line, character: random.int(t.start, end), text: random.pick([...'abcdefghijklmnopqrstuvwxyz']) });
    extra.set(t.line, (extra.get(t.line) ?? 0) + 1);
  }
  return out;
}

/** The text after the keystrokes, to check a server's final diagnostics against a fresh check. */
export function applyKeystrokes(text: string, keystrokes: readonly Keystroke[]): string {
  const lines = text.split('\n');
  for (const k of keystrokes) lines[k.line] = lines[k.line].slice(0, k.character) + k.text + lines[k.line].slice(k.character);
  return lines.join('\n');
}
