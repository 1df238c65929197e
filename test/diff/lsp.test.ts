/**
 * `inbound/diff` over the real protocol, against the built server: the editor sends the base's text
 * of each file that differs from it (as VS Code's Git extension gives it), and the server answers
 * with the same diff `inbound diff` prints for the same change — every CLI fixture, files named by
 * URI instead of by path. One truth: the editor and CI cannot disagree about a pull request.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DiffRequest } from '../../server/src/lsp/protocol';
import { copyOf, LspClient, uri } from '../lsp/lsp-client';
import { fixtureCases } from './fixture-runner';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path).map((f) => `${name}/${f}`) : [name];
  });
}

/** What the editor sends: the base's text of every file that differs (null: not in the base). */
function baseTexts(fixture: string, workspace: string): Record<string, string | null> {
  const base = join(fixture, 'base');
  const head = join(fixture, 'head');
  const out: Record<string, string | null> = {};
  for (const f of filesUnder(base)) {
    const text = readFileSync(join(base, f), 'utf8');
    const now = existsSync(join(head, f)) ? readFileSync(join(head, f), 'utf8') : undefined;
    if (text !== now) out[uri(join(workspace, ...f.split('/')))] = text;
  }
  for (const f of filesUnder(head)) if (!existsSync(join(base, f))) out[uri(join(workspace, ...f.split('/')))] = null;
  return out;
}

/** File URIs of the workspace as the CLI names files: relative, forward slashes. */
function relativeNames<T>(value: T, workspace: string): T {
  const prefix = uri(workspace) + '/';
  return JSON.parse(JSON.stringify(value), (_, v) => (typeof v === 'string' && v.startsWith(prefix) ? decodeURIComponent(v.slice(prefix.length)) : v)) as T;
}

describe('inbound/diff', () => {
  const cases = fixtureCases().filter((c) => !c.spec.args && !c.spec.cwd);
  for (const { name, dir } of cases) {
    it(`${name}: the server's diff is the CLI's`, async () => {
      const ws = copyOf(join(dir, 'head'));
      const client = await LspClient.start(ws.dir);
      try {
        await client.notification<{ indexing: boolean }>('inbound/status', (s) => !s.indexing, 30_000);
        const diff = await client.connection.sendRequest(DiffRequest, {
          base: 'merge base with main',
          commit: '<base>',
          root: uri(ws.dir),
          files: baseTexts(dir, ws.dir),
        });
        assert.ok(diff, 'an answer');
        const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
        assert.deepEqual(relativeNames(diff, ws.dir), expected);
      } finally {
        await client.stop();
        ws.dispose();
      }
    });
  }

  it('an open document with unsaved edits is the head as the editor has it; a file the base globs alone take is read from disk', async () => {
    const ws = copyOf(join(__dirname, '..', 'fixtures', 'diff', 'enter-ready', 'base'));
    // The base's config took every *.yaml; now only *.req.yaml: notes.yaml is a requirement file at the base only.
    writeFileSync(join(ws.dir, 'inbound.config.yaml'), 'files: ["**/*.req.yaml"]\n');
    const notes = 'requirements:\n  - id: NT-1\n    title: Notes\n    status: roadmap\n    evidence:\n      - { kind: survey, respondents: 10, date: 2026-10-01 }\n';
    writeFileSync(join(ws.dir, 'notes.yaml'), notes);
    const client = await LspClient.start(ws.dir);
    try {
      await client.notification<{ indexing: boolean }>('inbound/status', (s) => !s.indexing, 30_000);
      const file = join(ws.dir, 'growth.req.yaml');
      const saved = readFileSync(file, 'utf8');
      await client.open(uri(file), saved.replace('status: proposed', 'status: roadmap'));
      const diff = await client.connection.sendRequest(DiffRequest, {
        base: 'main',
        files: { [uri(file)]: saved, [uri(join(ws.dir, 'inbound.config.yaml'))]: 'files: ["**/*.req.yaml", "**/*.yaml"]\n' },
      });
      assert.ok(diff);
      assert.deepEqual(diff.entered.map((r) => [r.id, r.head?.verdict, r.file]), [['GR-1', 'ready', uri(file)]]);
      assert.deepEqual(
        diff.removed.map((r) => [r.id, r.side]),
        [['NT-1', 'base']],
      );
      assert.deepEqual(diff.policy, []);
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});
