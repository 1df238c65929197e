/**
 * Property tests for quick fixes: on arbitrary and mutated requirement files, every fix the engine
 * offers (and "fix all") is a set of edits an editor can apply: inside the document, not
 * overlapping, touching nothing outside their ranges, each within the requirement (or the line) its
 * finding is about, and the fixed text re-checks without a crash. A fix never turns a file that was
 * valid YAML into one that is not. Same seeds and case counts as properties.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { applyEdits, fixAllEdits, fixesFor } from '../../server/src/engine/fixes';
import type { Fix } from '../../server/src/engine/fixes';
import type { Diagnostic, TextEdit, Workspace } from '../../server/src/engine';
import { assertProperty, mutatedSeed, REQUIREMENT_SEEDS, RUNS, SEED, seedFile, yamlishText } from './arbitraries';
import { checkEdits, timeBoundMs } from './invariants';

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
});
