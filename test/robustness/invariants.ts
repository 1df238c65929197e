/**
 * What must hold for any text the engine is given, however broken: it answers, in bounded time,
 * with diagnostics that an editor can draw. Shared by the property tests, the long fuzz run and the
 * hostile-input tests.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULE_CODES } from '../../schemas/config';
import { LineIndex, Workspace } from '../../server/src/engine';
import type { Diagnostic, FileDiagnostics } from '../../server/src/engine';

export const TODAY = '2026-11-23';
const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);

/**
 * How long the engine may take on a text of this size. The point is to catch hangs and
 * exponential or quadratic blow-ups, never to measure speed: a typical file takes a few
 * milliseconds, so 2 s per started 10 kB leaves a margin of hundreds for a busy CI machine, a
 * garbage collection or a cold JIT, while a quadratic path on a 10 kB input (10^8 steps) or an
 * exponential one still blows through it.
 */
export function timeBoundMs(textLength: number): number {
  return 2000 * Math.max(1, Math.ceil(textLength / 10_240));
}

/** The names of Object.prototype's own properties: anything added later is pollution. */
export function prototypeSnapshot(): string {
  return Object.getOwnPropertyNames(Object.prototype).sort().join(',');
}

export const PROTOTYPE_AT_START = prototypeSnapshot();

export function assertNoPollution(): void {
  assert.equal(prototypeSnapshot(), PROTOTYPE_AT_START, 'Object.prototype gained properties');
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'id', 'title', 'status', 'evidence', 'requirements', 'kind', 'a', 'x']) {
    assert.equal(probe[key], undefined, `({}).${key} is defined: Object.prototype was polluted`);
  }
}

/** A file as an editor would have it: the LSP's own text document, as an independent oracle. */
function lspDocument(text: string): TextDocument {
  return TextDocument.create('file:///x', 'yaml', 1, text);
}

/**
 * Every diagnostic of every file the workspace knows is one an editor can show: a code, a
 * severity, a message, a span inside its text that converts to a range inside the document's
 * lines (the same range the LSP's TextDocument computes), related locations in known files.
 */
export function assertDiagnosticsValid(ws: Workspace, all: Map<string, FileDiagnostics>): void {
  const known = new Set(ws.fileNames());
  if (ws.configFile) known.add(ws.configFile);
  for (const file of known) assert.ok(all.has(file), `allDiagnostics lists ${file}`);
  // One LSP document per file, built once: related locations point into the same few files.
  const docs = new Map<string, { lines: LineIndex; doc: TextDocument }>();
  const docOf = (file: string) => {
    let entry = docs.get(file);
    if (!entry) {
      const lines = ws.linesOf(file);
      assert.ok(lines, `line index for ${file}`);
      entry = { lines, doc: lspDocument(lines.text) };
      docs.set(file, entry);
    }
    return entry;
  };
  const text = corpus(ws);
  for (const [file, { diagnostics, suppressed }] of all) {
    assert.ok(known.has(file), `diagnostics for an unknown file ${file}`);
    const { lines, doc } = docOf(file);
    for (const d of diagnostics) assertDiagnostic(known, docOf, text, file, lines, doc, d);
    for (const s of suppressed) {
      assertDiagnostic(known, docOf, text, file, lines, doc, s);
      assert.ok(typeof s.reason === 'string' && s.reason.trim().length > 0, 'a suppression keeps its reason');
    }
  }
}

function assertDiagnostic(
  known: Set<string>,
  docOf: (file: string) => { lines: LineIndex; doc: TextDocument },
  corpus: string,
  file: string,
  lines: LineIndex,
  doc: TextDocument,
  d: Diagnostic,
): void {
  const where = `${d.code} in ${file} at ${JSON.stringify(d.span)}`;
  assert.ok((RULE_CODES as readonly string[]).includes(d.code), `unknown code ${d.code}`);
  assert.ok(SEVERITIES.has(d.severity), `${where}: severity ${String(d.severity)}`);
  assert.equal(typeof d.message, 'string', `${where}: message is a string`);
  assert.ok(d.message.trim().length > 0, `${where}: empty message`);
  // A message naming `undefined` is a bug showing through, unless a file said it.
  for (const leak of ['undefined', '[object Object]', 'Symbol('])  {
    if (d.message.includes(leak)) assert.ok(corpus.includes(leak), `${where}: message shows ${leak}: ${d.message}`);
  }
  if (d.requirement !== undefined) assert.equal(typeof d.requirement, 'string', `${where}: requirement`);
  assertSpan(lines, doc, d.span, where);
  for (const r of d.related ?? []) {
    assert.ok(known.has(r.file), `${where}: related location in an unknown file ${r.file}`);
    const other = docOf(r.file);
    assertSpan(other.lines, other.doc, r.span, `${where} → related in ${r.file}`);
    assert.ok(typeof r.message === 'string' && r.message.trim().length > 0, `${where}: related message`);
  }
}

function corpus(ws: Workspace): string {
  const texts = [...ws.analyses()].map((a) => a.text);
  if (ws.configFile) texts.push(ws.linesOf(ws.configFile)?.text ?? '');
  return texts.join('\n');
}

function assertSpan(lines: LineIndex, doc: TextDocument, span: { start: number; end: number }, where: string): void {
  const { start, end } = span;
  const length = lines.text.length;
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `${where}: offsets are integers`);
  assert.ok(0 <= start && start <= end && end <= length, `${where}: span outside the text of length ${length}`);
  const range = lines.rangeOf(start, end);
  for (const [name, p] of [['start', range.start], ['end', range.end]] as const) {
    assert.ok(p.line >= 0 && p.line < lines.lineCount, `${where}: ${name} line ${p.line} of ${lines.lineCount}`);
    const lineLength = lines.lineEnd(p.line) - lines.lineStart(p.line);
    assert.ok(p.character >= 0 && p.character <= lineLength, `${where}: ${name} character ${p.character} beyond the line's ${lineLength}`);
  }
  assert.ok(
    range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character),
    `${where}: range runs backwards`,
  );
  assert.equal(lines.lineCount, doc.lineCount, `${where}: line count differs from the LSP's`);
  const [a, b] = [doc.positionAt(start), doc.positionAt(end)];
  if (a.line !== range.start.line || a.character !== range.start.character || b.line !== range.end.line || b.character !== range.end.character) {
    assert.fail(`${where}: range ${JSON.stringify(range)} differs from the LSP's ${JSON.stringify({ start: a, end: b })}`);
  }
}

export interface CheckedCase {
  ws: Workspace;
  all: Map<string, FileDiagnostics>;
  ms: number;
}

/**
 * `texts` go into one workspace in order (later entries replace earlier ones of the same name, as an
 * editor sends edits); after each, the edited file's diagnostics and the whole workspace's are taken
 * and checked, and each step is timed against `timeBoundMs`.
 */
export function checkEdits(edits: { file: string; text: string }[], options: { config?: string; ws?: Workspace } = {}): CheckedCase {
  const ws = options.ws ?? new Workspace({ today: TODAY });
  let total = 0;
  if (options.config !== undefined) {
    const started = performance.now();
    ws.setConfig('/w/inbound.config.yaml', options.config);
    const ms = performance.now() - started;
    total += ms;
    assert.ok(ms <= timeBoundMs(options.config.length), `the config took ${ms.toFixed(0)} ms for ${options.config.length} characters`);
  }
  let all = new Map<string, FileDiagnostics>();
  for (const [step, { file, text }] of edits.entries()) {
    try {
      all = checkStep(ws, file, text, step);
    } catch (e) {
      const err = e as Error;
      err.message = `step ${step + 1} of ${edits.length}, ${file}${text.length <= 4000 ? ` = ${JSON.stringify(text)}` : ` (${text.length} characters)`}: ${err.message}`;
      throw err;
    }
  }
  assertNoPollution();
  return { ws, all, ms: total };

  function checkStep(ws: Workspace, file: string, text: string, step: number): Map<string, FileDiagnostics> {
    const started = performance.now();
    ws.setFile(file, text);
    const own = ws.diagnostics(file);
    const all = ws.allDiagnostics();
    const ms = performance.now() - started;
    total += ms;
    const size = [...ws.analyses()].reduce((n, a) => n + a.text.length, 0);
    if (ms > timeBoundMs(size)) {
      // One measurement can be stretched by a pause (a major garbage collection, a machine busy
      // with other jobs); a hang or a blow-up happens again. Time the same step in a fresh workspace.
      const again = timeAfresh(ws, step);
      assert.ok(again <= timeBoundMs(size), `a step took ${ms.toFixed(0)} ms, then ${again.toFixed(0)} ms, for ${size} characters in the workspace (bound ${timeBoundMs(size)} ms)`);
    }
    // As JSON: assert.deepEqual takes seconds on the hundred thousand findings of the hostile tests.
    assert.ok(JSON.stringify(own) === JSON.stringify(all.get(file)), `diagnostics(${file}) agrees with allDiagnostics()`);
    assertDiagnosticsValid(ws, all);
    return all;
  }

  /** The time of edit `step` again, in a new workspace brought to the same state first. */
  function timeAfresh(ws: Workspace, step: number): number {
    const fresh = new Workspace({ today: ws.today, policy: ws.policy });
    if (options.config !== undefined) fresh.setConfig('/w/inbound.config.yaml', options.config);
    for (const e of edits.slice(0, step)) fresh.setFile(e.file, e.text);
    fresh.allDiagnostics();
    const started = performance.now();
    fresh.setFile(edits[step].file, edits[step].text);
    fresh.diagnostics(edits[step].file);
    fresh.allDiagnostics();
    return performance.now() - started;
  }
}
