/**
 * A large workspace is checked in several threads: the output must be byte for byte what one
 * thread gives, cross-file findings and unreadable files included.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inbound-parallel-'));
  for (let f = 0; f < 60; f++) {
    const reqs = Array.from({ length: 20 }, (_, r) => {
      const id = `A${f}-${r}`;
      const dep = r > 0 ? `A${f}-${r - 1}` : `A${(f + 1) % 60}-0`;
      return [
        `  - id: ${f === 7 && r === 3 ? 'A8-3' : id}`,
        `    title: Requirement ${r} of area ${f}`,
        `    status: ${['idea', 'proposed', 'roadmap'][r % 3]}`,
        `    depends-on: [${dep}${r === 5 ? ', NOPE-1' : ''}]`,
        ...(r % 2 ? ['    evidence:', '      - kind: sales-deal', `        account: Acme ${f % 5}`, `        deal: OPP-${f}${r}`, '        date: 2026-01-0' + (1 + (r % 9))] : []),
      ].join('\n');
    });
    writeFileSync(join(dir, `area-${f}.req.yaml`), `area: Area ${f}\nrequirements:\n${reqs.join('\n')}\n`);
  }
  writeFileSync(join(dir, 'broken.req.yaml'), 'requirements:\n  - id: [\n');
  mkdirSync(join(dir, 'folder.req.yaml'));
  return dir;
}

describe('checking in several threads', () => {
  it('prints exactly what one thread prints', () => {
    const dir = workspace();
    try {
      const run = (threads: string) =>
        spawnSync(process.execPath, [CLI, 'check', '.', '--format', 'json', '--today', '2026-11-23'], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, INBOUND_THREADS: threads },
          maxBuffer: 64 * 1024 * 1024,
        });
      const one = run('1');
      const three = run('3');
      assert.equal(one.status, 1, one.stderr);
      assert.equal(three.status, one.status);
      assert.equal(three.stderr, one.stderr);
      assert.equal(three.stdout, one.stdout);
      const codes = new Set((JSON.parse(one.stdout) as { diagnostics: { code: string }[] }[]).flatMap((f) => f.diagnostics.map((d) => d.code)));
      assert.deepEqual([...codes].sort(), ['dependency-cycle', 'duplicate-id', 'no-evidence', 'roadmap-gate', 'single-deal', 'unknown-reference', 'yaml-syntax']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
