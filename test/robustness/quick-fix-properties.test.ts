/**
 * Property tests for quick fixes: on arbitrary and mutated requirement files, every fix the engine
 * offers (and "fix all") is a set of edits an editor can apply: inside the document, not
 * overlapping, touching nothing outside their ranges, each within the requirement (or the line) its
 * finding is about, and the fixed text re-checks without a crash. A fix never turns a file that was
 * valid YAML into one that is not. Same seeds and case counts as properties.test.ts.
 *
 * On requirement files generated in every layout (arbitraries.ts, `layoutFile`), each fix is held
 * to more: it changes nothing but what it names (every other parsed value is identical, every byte
 * outside its edits is as it was, no comment is lost, its line breaks are those of the line it
 * touches), the finding it is meant to remove is gone, and no silenced finding is heard again.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { parseAllDocuments, parseDocument } from 'yaml';
import { applyEdits, fixAllEdits, fixesFor } from '../../server/src/engine/fixes';
import type { Fix } from '../../server/src/engine/fixes';
import { Workspace } from '../../server/src/engine';
import type { Diagnostic, FileDiagnostics, TextEdit } from '../../server/src/engine';
import { assertProperty, layoutFile, mutatedSeed, REQUIREMENT_SEEDS, RUNS, SEED, seedFile, yamlishText } from './arbitraries';
import { checkEdits, timeBoundMs, TODAY } from './invariants';

const FILE = '/w/edited.req.yaml';
const NEIGHBOUR = '/w/neighbour.req.yaml';

/** Diagnostics whose fixes are tried per case (from a generated offset): the cost stays per case, not per finding. */
const DIAGNOSTICS_PER_CASE = 6;

/**
 * The edits applied as the LSP defines it, written independently of the engine's applyEdits:
 * ranges must not overlap, inserts at one position go in array order, and everything between the
 * edits is copied from the original.
 */
function applyAsLsp(text: string, edits: readonly TextEdit[], where: string): string {
  const order = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.span.start - b.e.span.start || a.e.span.end - b.e.span.end || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { e } of order) {
    const { start, end } = e.span;
    assert.ok(Number.isInteger(start) && Number.isInteger(end), `${where}: offsets are integers`);
    assert.ok(0 <= start && start <= end && end <= text.length, `${where}: edit ${start}..${end} outside the text of length ${text.length}`);
    assert.ok(start >= at, `${where}: edit ${start}..${end} overlaps the one ending at ${at}`);
    assert.equal(typeof e.newText, 'string', `${where}: newText`);
    out += text.slice(at, start) + e.newText;
    at = end;
  }
  return out + text.slice(at);
}

/** Lines [from the start of `span.start`'s line, through the line break after `span.end`'s line]. */
function wholeLines(text: string, span: { start: number; end: number }): { start: number; end: number } {
  let start = span.start;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = span.end;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return { start, end };
}

/** Where a fix for this finding may write: its requirement, or else the finding's own lines. */
function allowedRegion(ws: Workspace, d: Diagnostic): { start: number; end: number } {
  const analysis = ws.get(FILE)!;
  const req = analysis.model.requirements.find((r) => r.span.start <= d.span.start && d.span.start <= r.span.end);
  return wholeLines(analysis.text, req ? { start: Math.min(req.span.start, d.span.start), end: Math.max(req.span.end, d.span.end) } : d.span);
}

/**
 * Whether the parser itself accepts the text (asked directly, not through the engine, whose
 * yaml-syntax findings also cover aliases that a fix may merely bring into view).
 */
function isValidYaml(text: string): boolean {
  const source = text.replace(/\r(?!\n)/g, '\n');
  return parseAllDocuments(source, { uniqueKeys: true, strict: true }).every((doc) => doc.errors.length === 0);
}

function checkFix(ws: Workspace, text: string, neighbour: string, d: Diagnostic, fix: Fix, wasValidYaml: boolean): void {
  const where = `'${fix.title}' for ${d.code} at ${d.span.start}..${d.span.end} (${d.message})`;
  assert.ok(typeof fix.title === 'string' && fix.title.trim().length > 0, `${where}: a title`);
  assert.ok(fix.edits.length > 0, `${where}: at least one edit`);
  const fixed = applyAsLsp(text, fix.edits, where);
  assert.equal(applyEdits(text, fix.edits), fixed, `${where}: applyEdits agrees with the LSP's rules`);
  const region = allowedRegion(ws, d);
  for (const e of fix.edits) {
    assert.ok(region.start <= e.span.start && e.span.end <= region.end, `${where}: edit ${e.span.start}..${e.span.end} reaches outside ${region.start}..${region.end}`);
  }
  // "Change to 'X'" names one key or value: it replaces that (perhaps quoted, perhaps a plain value
  // folded over two lines), never a comment or a further key (in YAML's white space, not JS's \s).
  const change = /^Change to '(.*)'$/s.exec(fix.title);
  if (change) {
    assert.equal(fix.edits.length, 1, `${where}: one edit`);
    const { start, end } = fix.edits[0].span;
    const replaced = text.slice(start, end);
    // Inside an inbound-ignore comment the code is whatever was written after the word.
    const inComment = /(^|[ \t])#/.test(text.slice(wholeLines(text, { start, end: start }).start, start));
    assert.ok(inComment || !/[ \t\r\n]#|:[ \t\r\n]/.test(replaced), `${where}: replaces ${JSON.stringify(replaced)}`);
  }
  checkEdits([
    { file: NEIGHBOUR, text: neighbour },
    { file: FILE, text: fixed },
  ]);
  if (wasValidYaml) assert.ok(isValidYaml(fixed), `${where}: the fix broke the YAML: ${JSON.stringify(fixed)}`);
}

function checkFixes(text: string, neighbour: string, pick: number): void {
  const { ws } = checkEdits([
    { file: NEIGHBOUR, text: neighbour },
    { file: FILE, text },
  ]);
  const wasValidYaml = isValidYaml(text);
  const diagnostics = ws.diagnostics(FILE).diagnostics;
  const count = Math.min(DIAGNOSTICS_PER_CASE, diagnostics.length);
  for (let k = 0; k < count; k++) {
    const d = diagnostics[(pick + k) % diagnostics.length];
    const started = performance.now();
    const fixes = fixesFor(ws, FILE, d);
    const ms = performance.now() - started;
    assert.ok(ms <= timeBoundMs(text.length), `fixesFor took ${ms.toFixed(0)} ms`);
    for (const fix of fixes) checkFix(ws, text, neighbour, d, fix, wasValidYaml);
  }
  // Fix all: the auto fixes together, as the source action applies them.
  const all = fixAllEdits(ws, FILE);
  const fixed = applyAsLsp(text, all, 'fix all');
  assert.equal(applyEdits(text, all), fixed, 'fix all: applyEdits agrees with the LSP rules');
  checkEdits([
    { file: NEIGHBOUR, text: neighbour },
    { file: FILE, text: fixed },
  ]);
  if (wasValidYaml) assert.ok(isValidYaml(fixed), `fix all broke the YAML: ${JSON.stringify(fixed)}`);
}

describe(`quick-fix properties (${RUNS} cases each, seed ${SEED})`, () => {
  it('mutated requirement files: every fix applies cleanly, stays in place, and re-checks', () => {
    assertProperty(
      fc.property(mutatedSeed(REQUIREMENT_SEEDS), seedFile(REQUIREMENT_SEEDS), fc.nat(), ({ steps }, other, pick) => {
        checkFixes(steps[steps.length - 1], other.text, pick);
      }),
    );
  });

  it('the seed files themselves and YAML-shaped text: the same', () => {
    assertProperty(
      fc.property(fc.oneof(seedFile(REQUIREMENT_SEEDS).map((s) => s.text), yamlishText), seedFile(REQUIREMENT_SEEDS), fc.nat(), (text, other, pick) => {
        checkFixes(text, other.text, pick);
      }),
    );
  });

  it('a requirement written as a flow map gets no fix that adds lines: it would have to be rewritten', () => {
    // Once, such a requirement got block lines after its closing brace: YAML no longer read the file.
    const text = 'requirements:\n  - {id: CHK-9, title: Flow, status: roadmap}\n  - {id: CHK-8, title: Flow, status: roadmap, evidence: []}\n';
    const { ws } = checkEdits([{ file: FILE, text }]);
    const offered = ws.diagnostics(FILE).diagnostics.map((d) => `${d.code}: ${fixesFor(ws, FILE, d).map((f) => f.title).join(' | ')}`);
    // The ignore comment goes on a line of its own above the item: that needs no rewriting.
    assert.deepEqual(offered.sort(), [
      'no-evidence: Silence with a reason (no-evidence)',
      'no-evidence: Silence with a reason (no-evidence)',
      "roadmap-gate: Move back to 'validated'",
      "roadmap-gate: Move back to 'validated'",
    ]);
  });

  it('generated layouts: every fix applies cleanly, changes only what it names, and removes its finding', () => {
    assertProperty(
      fc.property(layoutFile, fc.nat(), ({ text }, pick) => {
        checkLayout(text, pick);
      }),
    );
  });
});

// ----- generated layouts ---------------------------------------------------------------------

const LAYOUT_NEIGHBOUR = 'requirements:\n  - id: CHK-2\n    title: Elsewhere\n    status: idea\n';

/** The file's values as `yaml` reads them (a lone CR is a line break), or undefined if it does not parse. */
function valuesOf(text: string): Record<string, unknown> | undefined {
  const doc = parseDocument(text.replace(/\r(?!\n)/g, '\n'), { uniqueKeys: true, strict: true });
  return doc.errors.length ? undefined : (doc.toJS() as Record<string, unknown>);
}

function recheck(text: string): FileDiagnostics {
  return rechecked(text).diagnostics(FILE);
}

/**
 * One workspace re-checks every fixed text, as the editor's does after each edit (re-reading only
 * the requirement an edit touched, which the incremental property tests hold to a whole analysis).
 */
let rechecker: Workspace | undefined;

function rechecked(text: string): Workspace {
  if (!rechecker) {
    rechecker = new Workspace({ today: TODAY });
    rechecker.setFile(NEIGHBOUR, LAYOUT_NEIGHBOUR);
  }
  rechecker.setFile(FILE, text);
  return rechecker;
}

/** A finding as a person tells it apart: code, message and the list item it is in. */
function said(ws: Workspace, d: Diagnostic): string {
  const item = ws.get(FILE)!.model.items.findIndex((i) => i.span.start <= d.span.start && d.span.start <= i.span.end);
  return `${item} ${d.code} ${d.message}`;
}

/**
 * How often a finding is reported: the same code and message, or for things written twice (whose
 * messages count the copies: "evidence 1 and 3" becomes "evidence 1 and 2"), the same code.
 */
function count(found: FileDiagnostics, d: Diagnostic): number {
  const copies = d.code === 'duplicate-evidence' || d.code === 'duplicate-id';
  return found.diagnostics.filter((x) => x.code === d.code && (copies || x.message === d.message)).length;
}

type Path = (string | number)[];

/** The places where two parsed values differ: a key added or removed, a value changed, a list of another length. */
function differences(a: unknown, b: unknown, path: Path = []): Path[] {
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((x, i) => differences(x, b[i], [...path, i]));
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => (k in a && k in b ? differences(a[k], b[k], [...path, k]) : [[...path, k]]));
  }
  return isDeepStrictEqual(a, b) ? [] : [path];
}

function at(value: unknown, path: Path): unknown {
  let v = value;
  for (const p of path) v = typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

/** The line breaks a new text may use: that of the line the edit is on, or of the line before it. */
function breaksAround(text: string, offset: number): Set<string> {
  const out = new Set<string>();
  const breakAt = (i: number) => (text[i] === '\r' ? (text[i + 1] === '\n' ? '\r\n' : '\r') : text[i] === '\n' ? '\n' : undefined);
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  let start = Math.min(offset, text.length);
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  const own = breakAt(end);
  if (own) out.add(own);
  if (start > 0) out.add(text[start - 1] === '\n' && text[start - 2] === '\r' ? '\r\n' : text[start - 1]);
  if (!out.size) out.add('\n');
  return out;
}

/** A comment in a stretch of text: a '#' at the start of a line or after white space. */
const COMMENT = /(^|[ \t\r\n])#/;

/**
 * Fixes per case whose result is re-checked and compared value by value (from a generated offset,
 * so each kind gets its turn); every fix offered is applied, parsed and held to the rest.
 */
const CHECKED_FIXES_PER_CASE = 4;

function checkLayout(text: string, pick: number): void {
  // The engine's own invariants on such files are the other properties' business: here, the fixes.
  const ws = new Workspace({ today: TODAY });
  ws.setFile(NEIGHBOUR, LAYOUT_NEIGHBOUR);
  ws.setFile(FILE, text);
  const analysis = ws.get(FILE)!;
  const before = valuesOf(text);
  const found = ws.diagnostics(FILE);
  // The requirements with a finding that fix all may fix (one that needs no decision).
  const touched = new Set<number | undefined>();
  const offered: { d: Diagnostic; fix: Fix; index?: number }[] = [];
  for (const d of found.diagnostics) {
    const req = analysis.model.requirements.find((r) => r.span.start <= d.span.start && d.span.start <= r.span.end);
    const fixes = fixesFor(ws, FILE, d);
    if (req) assertOffered(text, req.span, d, fixes);
    if (fixes.some((f) => f.auto)) touched.add(req?.index);
    for (const fix of fixes) offered.push({ d, fix, index: req?.index });
  }
  offered.forEach(({ d, fix, index }, i) => {
    const deep = (i - pick) % offered.length;
    checkLayoutFix(ws, text, before, found, d, fix, index, (deep < 0 ? deep + offered.length : deep) < CHECKED_FIXES_PER_CASE);
  });
  const all = fixAllEdits(ws, FILE);
  if (all.length === 0) return;
  const fixed = applyAsLsp(text, all, 'fix all');
  assertOutsideUnchanged(text, fixed, all, 'fix all');
  if (!before) return;
  const after = valuesOf(fixed);
  assert.ok(after, `fix all broke the YAML: ${JSON.stringify(fixed)}`);
  // Fix all changes only requirements that had a finding with a fix that needs no decision.
  for (const path of differences(before, after)) {
    assert.ok(path[0] === 'requirements' && touched.has(path[1] as number), `fix all changed ${JSON.stringify(path)}: ${JSON.stringify(fixed)}`);
  }
}

/**
 * The fixes that must be there: on a requirement written as a block, the way forward is always
 * offered (a flow map `- {id: …}` gets none: it would have to be rewritten). Only an
 * `inbound-ignore` comment that would come to speak of another line may hold one back.
 */
function assertOffered(text: string, span: { start: number; end: number }, d: Diagnostic, fixes: Fix[]): void {
  let head = span.start;
  while (head > 0 && text[head - 1] !== '\n' && text[head - 1] !== '\r') head--;
  const own = text.slice(head, span.end);
  if (/^[ -]*\{/.test(own) || own.includes('inbound-ignore')) return;
  const titles = fixes.map((f) => f.title);
  const where = `${d.code} (${d.message}) in ${JSON.stringify(text)}: offered ${JSON.stringify(titles)}`;
  if (['single-deal', 'sales-only', 'no-evidence', 'roadmap-gate'].includes(d.code)) {
    assert.ok(titles.some((t) => t.startsWith('Add market evidence')), `Add market evidence for ${where}`);
  }
  if (d.code === 'roadmap-gate' && !/^[ -]*waiver:/m.test(own)) {
    assert.ok(titles.some((t) => t.startsWith('Record a waiver')), `Record a waiver for ${where}`);
  }
  const missing = d.data?.missingKey;
  // A block of keys lacks one (a flow map `{kind: …}` in a block requirement gets no line).
  const inBlock = /^[ -]*$/.test(text.slice(text.lastIndexOf('\n', d.span.start - 1) + 1, d.span.start).replace(/^.*\r/, ''));
  if (d.code === 'schema' && typeof missing === 'string' && missing !== 'kind' && inBlock) {
    assert.ok(titles.includes(`Add missing key '${missing}'`), `Add missing key for ${where}`);
  }
}

/** Every byte outside the edits is where it was: the text before the first, between them, after the last. */
function assertOutsideUnchanged(text: string, fixed: string, edits: readonly TextEdit[], where: string): void {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let from = 0;
  let shift = 0;
  for (const e of sorted) {
    assert.equal(fixed.slice(from + shift, e.span.start + shift), text.slice(from, e.span.start), `${where}: text before ${e.span.start}`);
    assert.equal(fixed.slice(e.span.start + shift, e.span.start + shift + e.newText.length), e.newText, `${where}: the new text`);
    shift += e.newText.length - (e.span.end - e.span.start);
    from = e.span.end;
  }
  assert.equal(fixed.slice(from + shift), text.slice(from), `${where}: text after the last edit`);
}

function checkLayoutFix(
  ws: Workspace,
  text: string,
  before: Record<string, unknown> | undefined,
  found: FileDiagnostics,
  d: Diagnostic,
  fix: Fix,
  index: number | undefined,
  deep: boolean,
): void {
  const where = `'${fix.title}' for ${d.code} (${d.message}) in ${JSON.stringify(text)}`;
  const fixed = applyAsLsp(text, fix.edits, where);
  assert.equal(applyEdits(text, fix.edits), fixed, `${where}: applyEdits agrees with the LSP's rules`);
  assertOutsideUnchanged(text, fixed, fix.edits, where);
  const change = /^Change to '(.*)'$/s.exec(fix.title);
  const removal = fix.title === 'Remove duplicate evidence';
  for (const e of fix.edits) {
    const allowed = breaksAround(text, e.span.start);
    for (const eol of e.newText.match(/\r\n|\r|\n/g) ?? []) {
      assert.ok(allowed.has(eol), `${where}: writes ${JSON.stringify(eol)} where the line breaks are ${JSON.stringify([...allowed])}: ${JSON.stringify(fixed)}`);
    }
    // A comment is never removed, nor written again (a changed code inside one is the exception).
    if (!removal && !change) assert.ok(!COMMENT.test(text.slice(e.span.start, e.span.end)), `${where}: replaces a comment`);
  }
  const after = valuesOf(fixed);
  if (before) assert.ok(after, `${where}: the fix broke the YAML: ${JSON.stringify(fixed)}`);
  if (!deep) return;
  const again = rechecked(fixed);
  const refound = again.diagnostics(FILE);
  // A silenced finding stays silent (or is gone): never one silenced less and one heard more.
  const tally = (w: Workspace, list: Diagnostic[]) => {
    const n = new Map<string, number>();
    for (const x of list) n.set(said(w, x), (n.get(said(w, x)) ?? 0) + 1);
    return n;
  };
  const [silenced, heard] = [tally(ws, found.suppressed), tally(ws, found.diagnostics)];
  const [silencedNow, heardNow] = [tally(again, refound.suppressed), tally(again, refound.diagnostics)];
  for (const [k, n] of silenced) {
    const unsilenced = (silencedNow.get(k) ?? 0) < n && (heardNow.get(k) ?? 0) > (heard.get(k) ?? 0);
    assert.ok(!unsilenced, `${where}: ${k} is no longer silenced: ${JSON.stringify(fixed)}`);
  }
  if (!before || !after) return;
  const r = index ?? -1;
  const reqsBefore = before.requirements as Record<string, unknown>[];
  const reqsAfter = after.requirements as Record<string, unknown>[];
  const diff = differences(before, after);
  const only = (paths: Path[]) => assert.deepEqual(diff, paths, `${where}: changes ${JSON.stringify(diff)} in ${JSON.stringify(fixed)}`);
  const gone = () => assert.ok(count(refound, d) < count(found, d), `${where}: the finding is still there in ${JSON.stringify(fixed)}`);
  let m: RegExpExecArray | null;
  if (fix.title.startsWith('Add market evidence')) {
    const was = (reqsBefore[r].evidence ?? []) as unknown[];
    const now = reqsAfter[r].evidence as unknown[];
    assert.ok(Array.isArray(now), `${where}: evidence is a list`);
    assert.deepEqual(now, [...was, { kind: 'interview', account: null, date: TODAY }], `${where}: one interview appended`);
    for (const path of diff) assert.deepEqual(path.slice(0, 3), ['requirements', r, 'evidence'], `${where}: changes ${JSON.stringify(path)}`);
    if (d.code === 'no-evidence') gone();
    else {
      // The placeholder lifts nothing; once a person names who was interviewed, the finding goes.
      const filled = applyEdits(text, fix.edits.map((e) => ({ ...e, newText: e.newText.replace('account: ', 'account: Zeta Research') })));
      assert.ok(count(recheck(filled), d) < count(found, d), `${where}: still there once the account is filled in: ${JSON.stringify(filled)}`);
    }
  } else if (fix.title.startsWith('Record a waiver')) {
    only([['requirements', r, 'waiver']]);
    assert.deepEqual(reqsAfter[r].waiver, { reason: null, 'approved-by': null, date: TODAY }, `${where}: the waiver`);
    const filled = applyEdits(
      text,
      fix.edits.map((e) => ({ ...e, newText: e.newText.replace('reason: ', 'reason: Deadline').replace('approved-by: ', 'approved-by: vp-product@example.com') })),
    );
    assert.ok(count(recheck(filled), d) < count(found, d), `${where}: the gate is still shut once the waiver is filled in: ${JSON.stringify(filled)}`);
  } else if ((m = /^Add missing key '(.*)'$/.exec(fix.title))) {
    assert.equal(diff.length, 1, `${where}: changes ${JSON.stringify(diff)}`);
    assert.deepEqual(diff[0].slice(0, 2), ['requirements', r], `${where}: adds ${JSON.stringify(diff[0])}`);
    assert.equal(diff[0][diff[0].length - 1], m[1], `${where}: adds ${JSON.stringify(diff[0])}`);
    assert.equal(at(before, diff[0]), undefined, `${where}: the key was missing`);
    gone();
  } else if ((m = /^Move back to '(.*)'$/.exec(fix.title))) {
    only([['requirements', r, 'status']]);
    assert.equal(reqsAfter[r].status, m[1]);
    gone();
  } else if ((m = /^Use next free id (.*)$/.exec(fix.title))) {
    only([['requirements', r, 'id']]);
    assert.equal(reqsAfter[r].id, m[1]);
    gone();
  } else if (removal) {
    const was = reqsBefore[r].evidence as unknown[];
    const now = reqsAfter[r].evidence as unknown[];
    assert.ok(was.some((_, i) => i > 0 && isDeepStrictEqual([...was.slice(0, i), ...was.slice(i + 1)], now)), `${where}: removes one item: ${JSON.stringify(fixed)}`);
    for (const path of diff) assert.deepEqual(path.slice(0, 3), ['requirements', r, 'evidence'], `${where}: changes ${JSON.stringify(path)}`);
    gone();
  } else if ((m = /^Silence with a reason \((.*)\)$/.exec(fix.title))) {
    // One comment line above the finding's line: no value changes; once its reason is written, the
    // finding is silenced.
    assert.equal(m[1], d.code);
    assert.equal(fix.edits.length, 1, `${where}: one edit`);
    assert.match(fix.edits[0].newText, /^[ \t]*# inbound-ignore \S+ -- (\r\n|\r|\n)$/, `${where}: one comment line`);
    only([]);
    const reasoned = applyEdits(text, fix.edits.map((e) => ({ ...e, newText: e.newText.replace('-- ', '-- decided in the roadmap review') })));
    assert.ok(count(recheck(reasoned), d) < count(found, d), `${where}: still heard once the reason is written: ${JSON.stringify(reasoned)}`);
  } else if (change) {
    // A value becomes the word; or a key is renamed, its value unchanged; or a code in a comment.
    const renamed = diff.length === 2 && at(after, diff[0]) === undefined && at(before, diff[1]) === undefined && isDeepStrictEqual(at(before, diff[0]), at(after, diff[1]));
    const renamedBack = diff.length === 2 && at(before, diff[0]) === undefined && at(after, diff[1]) === undefined && isDeepStrictEqual(at(after, diff[0]), at(before, diff[1]));
    const value = diff.length === 1 && at(after, diff[0]) === change[1];
    assert.ok(diff.length === 0 || renamed || renamedBack || value, `${where}: changes ${JSON.stringify(diff)} in ${JSON.stringify(fixed)}`);
    gone();
  } else {
    assert.fail(`${where}: a fix this property does not know`);
  }
}
