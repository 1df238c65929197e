/**
 * `--format json` is written in pieces, so a file with hundreds of thousands of findings is never
 * one giant string in memory; the text is exactly what `JSON.stringify(files, null, 2)` gives.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../server/src/cli/check-result';
import { formatJson } from '../../server/src/cli/formats/json';

function diagnostic(i: number, requirement?: string) {
  return {
    code: 'unknown-reference' as const,
    severity: 'error' as const,
    message: `X-${i} "quoted" \\ é 😀\nnext line`,
    range: { start: { line: i, character: 2 }, end: { line: i, character: 9 } },
    ...(requirement ? { requirement } : {}),
    related: [],
  };
}

function reference(result: CheckResult): string {
  const files = result.files.map((f) => ({
    file: f.file,
    diagnostics: f.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range, ...(d.requirement ? { requirement: d.requirement } : {}) })),
  }));
  return JSON.stringify(files, null, 2) + '\n';
}

const readiness = { requirements: 0, roadmap: { total: 0, ready: 0, waived: 0, blocked: 0, atRisk: 0, noEvidence: 0 }, unread: [] };

describe('--format json', () => {
  it('is exactly JSON.stringify of the files, for none, empty and full files', () => {
    const cases: CheckResult[] = [
      { files: [], readiness },
      { files: [{ file: 'a.req.yaml', diagnostics: [], suppressed: [] }], readiness },
      {
        files: [
          { file: 'inbound.config.yaml', isConfig: true, diagnostics: [], suppressed: [] },
          { file: 'dir/b "c".req.yaml', diagnostics: [diagnostic(1, 'CHK-1'), diagnostic(2)], suppressed: [] },
          { file: 'c.req.yaml', diagnostics: [diagnostic(3)], suppressed: [] },
        ],
        readiness,
      },
    ];
    for (const result of cases) assert.equal([...formatJson(result)].join(''), reference(result));
  });

  it('comes in pieces of about 64 KB for a file with 100,000 findings', () => {
    const result: CheckResult = { files: [{ file: 'big.req.yaml', diagnostics: Array.from({ length: 100_000 }, (_, i) => diagnostic(i, 'A-1')), suppressed: [] }], readiness };
    const pieces = [...formatJson(result)];
    assert.ok(pieces.length > 100, `${pieces.length} pieces`);
    let longest = 0;
    for (const p of pieces) longest = Math.max(longest, p.length);
    assert.ok(longest < 70_000, `the longest piece has ${longest} characters`);
    assert.equal(pieces.join(''), reference(result));
  });
});
