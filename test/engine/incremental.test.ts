/**
 * Re-analysing only the requirement an edit touched must give exactly what analysing the whole file
 * gives: the same findings at the same places, the same model. Checked on random edits (fast-check)
 * to real requirement files, one at a time and in chains.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_POLICY } from '../../schemas/config';
import { analyzeFile } from '../../server/src/engine/analyze';
import type { FileAnalysis } from '../../server/src/engine/analyze';
import { layoutFor, reanalyzeEdit } from '../../server/src/engine/incremental';

const REPO = join(__dirname, '..', '..');
const ctx = { policy: DEFAULT_POLICY, today: '2026-11-23' };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.req\.ya?ml$/.test(n) ? [p] : [];
  });
}

/** Requirement files that the incremental path can take (a block list of requirements). */
const SEEDS = [...files(join(REPO, 'examples')), ...files(join(REPO, 'test', 'fixtures', 'fixes')), ...files(join(REPO, 'test', 'fixtures', 'check'))]
  .map((f) => readFileSync(f, 'utf8'))
  .filter((t) => t.length < 20_000)
  .filter((t) => layoutFor(analyzeFile('seed', t, ctx)));

/** Everything a consumer can see of an analysis, in a comparable form. */
function visible(a: FileAnalysis) {
  const order = (x: { span: { start: number; end: number }; code: string; message: string }, y: typeof x) =>
    x.span.start - y.span.start || x.span.end - y.span.end || x.code.localeCompare(y.code) || x.message.localeCompare(y.message);
  return {
    findings: [...a.findings].sort(order),
    requirements: a.model.requirements,
    schema: [...a.model.findings].sort(order),
    suppressions: a.suppressions,
    list: a.model.list,
    items: layoutFor(a)?.items.map((i) => [i.start, i.end]),
  };
}

const edit = fc.record({
  at: fc.nat({ max: 1_000_000 }),
  remove: fc.nat({ max: 3 }),
  insert: fc.oneof(
    { weight: 6, arbitrary: fc.stringMatching(/^[a-zA-Z0-9]{0,3}$/) },
    { weight: 2, arbitrary: fc.constantFrom(' ', ':', '-', '#', "'", '"', '\n', '\n      ', 'x: y', ' # note', '[', '&a', '*a', '2026-13-01') },
  ),
});

function apply(text: string, e: { at: number; remove: number; insert: string }): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

describe('re-analysing one requirement after an edit', () => {
  it('has real files to edit', () => {
    assert.ok(SEEDS.length >= 10, `${SEEDS.length} seed files`);
  });

  it('gives what a whole analysis gives, for any single edit', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), edit, (seed, e) => {
        runs++;
        const before = analyzeFile('f', seed, ctx);
        const text = apply(seed, e);
        const piecemeal = reanalyzeEdit(before, text, ctx);
        if (!piecemeal) return;
        taken++;
        assert.deepEqual(visible(piecemeal), visible(analyzeFile('f', text, ctx)));
      }),
      { numRuns: 1500, seed: 20261123 },
    );
    // Random edits often break the YAML (and take the whole path): the fast one must still be common.
    assert.ok(taken > runs * 0.3, `taken ${taken} of ${runs}`);
  });

  it('takes the fast path for typing in a value, anywhere in the file', () => {
    const text = readFileSync(join(REPO, 'examples', 'checkout.req.yaml'), 'utf8');
    const values = [...text.matchAll(/(title|account|deal|note): ([^\n]+)/g)];
    assert.ok(values.length >= 10);
    for (const m of values) {
      for (let i = 0; i <= m[2].length; i++) {
        const at = m.index! + m[1].length + 2 + i;
        const typed = text.slice(0, at) + 'q' + text.slice(at);
        // A fresh analysis each time: re-analysis takes over (and moves) the previous one's objects.
        const piecemeal = reanalyzeEdit(analyzeFile('f', text, ctx), typed, ctx);
        assert.ok(piecemeal, `typing at ${at} in ${m[0]}`);
        assert.deepEqual(visible(piecemeal), visible(analyzeFile('f', typed, ctx)));
      }
    }
  });

  it('stays right over a chain of edits, each re-analysed from the one before', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(edit, { minLength: 2, maxLength: 12 }), (seed, edits) => {
        let text = seed;
        let analysis = analyzeFile('f', seed, ctx);
        for (const e of edits) {
          text = apply(text, e);
          analysis = analyzeFile('f', text, ctx, analysis);
          assert.deepEqual(visible(analysis), visible(analyzeFile('f', text, ctx)));
        }
      }),
      { numRuns: 300, seed: 20261124 },
    );
  });
});

describe('ignore comments after an edit', () => {
  const text = readFileSync(join(REPO, 'test', 'fixtures', 'check', 'suppress-only-real-comments', 'checkout.req.yaml'), 'utf8');

  it('come out as a whole analysis gives them, for an edit anywhere in a file with comments, quoted values and block scalars', () => {
    let taken = 0;
    // A quote opens or closes a quoted value, a deletion can join a comment to a value, and a new
    // comment line can land inside a block scalar or between requirements.
    // Every offset of the lines where that can happen (comments, quotes, block scalar indicators).
    const edits = [{ insert: '"', remove: 0 }, { insert: '', remove: 1 }];
    const lineAt = (at: number) => text.slice(text.lastIndexOf('\n', at - 1) + 1, text.indexOf('\n', at) + 1 || undefined);
    for (let at = 0; at <= text.length; at++) {
      const here = text[at] === '\n' ? [...edits, { insert: '\n    # inbound-ignore single-deal -- typed', remove: 0 }] : /[#"'|>]/.test(lineAt(at)) ? edits : [];
      for (const e of here) {
        const edited = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        const piecemeal = reanalyzeEdit(analyzeFile('f', text, ctx), edited, ctx);
        if (!piecemeal) continue;
        taken++;
        assert.deepEqual(visible(piecemeal), visible(analyzeFile('f', edited, ctx)), `${JSON.stringify(e)} at ${at}`);
      }
    }
    assert.ok(taken > 300, `taken ${taken}`);
  });

  it('are not read again outside the requirement an edit touched: those after it are moved', () => {
    const padding = Array.from({ length: 200 }, (_, i) => `  - id: PAD-${i}\n    title: Padding\n    status: idea\n`).join('');
    const big = `${text}${padding}  - id: END-1\n    title: Last\n    status: validated\n    # inbound-ignore single-deal -- at the end\n    evidence:\n      - kind: sales-deal\n        account: Acme GmbH\n        deal: OPP-9\n        date: 2026-09-12\n`;
    const before = analyzeFile('f', big, ctx);
    const kept = [...before.suppressions];
    assert.equal(kept.length, 3);
    const lastAt = kept[2].at;
    const lastLine = kept[2].line;
    const at = big.indexOf('title: Padding') + 'title: Padd'.length;
    const typed = big.slice(0, at) + 'x' + big.slice(at);
    const after = reanalyzeEdit(before, typed, ctx);
    assert.ok(after, 'the fast path');
    // The same objects, the one after the edit moved by it: nothing was searched for again.
    assert.equal(after.suppressions.length, 3);
    kept.forEach((s, i) => assert.equal(after.suppressions[i], s));
    assert.equal(after.suppressions[2].at, lastAt + 1);
    assert.equal(after.suppressions[2].line, lastLine);
    assert.deepEqual(visible(after), visible(analyzeFile('f', typed, ctx)));
  });
});
