/**
 * A workspace folder the server cannot read itself (a virtual file system on the desktop; every
 * folder in the browser): the editor supplies its files (`inbound/findFiles`, `inbound/readFile`),
 * and its watcher reports changes. Here the client is the editor, with the examples in memory under
 * `vscode-vfs://github/acme/roadmap`; the real server over stdio must find exactly what
 * `inbound check` finds in the same files on disk, and follow the files as they change.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import picomatch from 'picomatch';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { decode as decodeInBrowser } from '../../client/src/file-bytes';
import { main } from '../../server/src/cli/main';
import { decode as decodeOnDisk } from '../../server/src/node/read-text';
import type { FindFilesParams, ReadFileParams, ReadFileResult } from '../../server/src/lsp/protocol';
import { LspClient, REPO, TODAY } from './lsp-client';

const EXAMPLES = join(REPO, 'examples');
const FOLDER = 'vscode-vfs://github/acme/roadmap';

/** The examples as a virtual file system: URI → text. */
function virtualExamples(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(`${FOLDER}/${relative(EXAMPLES, path).split('\\').join('/')}`, readFileSync(path, 'utf8'));
    }
  };
  walk(EXAMPLES);
  return files;
}

function brief(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`);
}

describe('files supplied by the editor (a virtual workspace)', () => {
  const files = virtualExamples();
  const asked: string[] = [];
  let client: LspClient;

  before(async () => {
    client = await LspClient.start(EXAMPLES, { folderUris: [FOLDER], debounceMs: 20 });
    client.connection.onRequest('inbound/findFiles', ({ folder, include, exclude }: FindFilesParams) => {
      asked.push(`find ${include.join(' ')}`);
      const take = picomatch(include);
      const skip = picomatch(exclude.length ? exclude : ['\0']);
      return [...files.keys()].filter((u) => {
        const path = u.slice(folder.length + 1);
        return u.startsWith(`${folder}/`) && take(path) && !skip(path);
      });
    });
    client.connection.onRequest('inbound/readFile', ({ uri, maxBytes }: ReadFileParams): ReadFileResult | null => {
      asked.push(`read ${uri}`);
      const text = files.get(uri);
      if (text === undefined) return null;
      assert.ok(maxBytes > 0);
      return { text };
    });
    await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files === 4);
  });
  after(() => client.stop());

  it('finds the files by the config’s globs and reads each through the editor, none from disk', () => {
    assert.ok(asked.some((a) => a.startsWith('find **/*.req.yaml **/*.req.yml')), JSON.stringify(asked));
    assert.ok(asked.includes(`read ${FOLDER}/inbound.config.yaml`), 'the config is read through the editor');
    assert.ok(asked.includes(`read ${FOLDER}/checkout.req.yaml`));
  });

  it('reports every requirement file, unopened, exactly as inbound check does on the same files on disk', async () => {
    let out = '';
    const stdout = (t: string) => {
      out += t;
    };
    await main(['check', '.', '--format', 'json', '--today', TODAY], { cwd: EXAMPLES, stdout, stderr: () => undefined, color: false, version: 'test' });
    const expected = JSON.parse(out) as { file: string; diagnostics: Diagnostic[] }[];
    assert.ok(expected.some((f) => f.diagnostics.length > 0));
    for (const { file, diagnostics } of expected) {
      if (diagnostics.length === 0) {
        assert.ok(!client.published.get(`${FOLDER}/${file}`)?.diagnostics.length, `${file} has no findings`);
        continue;
      }
      const got = await client.diagnostics(`${FOLDER}/${file}`, (d) => d.length === diagnostics.length);
      assert.deepEqual(brief(got), brief(diagnostics), file);
    }
  });

  it('follows the watcher: a file that defines a referenced id deleted, then back', async () => {
    const platform = `${FOLDER}/platform.req.yaml`;
    const text = files.get(platform);
    assert.ok(text, 'the examples have platform.req.yaml');
    const referrer = [...files.keys()].find((u) => u !== platform && /depends-on:.*PLT-/.test(files.get(u) ?? ''));
    assert.ok(referrer, 'another file depends on a PLT id');
    const before = brief(await client.diagnostics(referrer));
    files.delete(platform);
    await client.watched([{ uri: platform, type: FileChangeType.Deleted }]);
    const dangling = await client.diagnostics(referrer, (d) => d.some((x) => x.code === 'unknown-reference'));
    assert.ok(dangling.some((d) => d.code === 'unknown-reference'));
    await client.diagnostics(platform, (d) => d.length === 0);
    files.set(platform, text);
    await client.watched([{ uri: platform, type: FileChangeType.Created }]);
    await client.diagnostics(referrer, (d) => JSON.stringify(brief(d)) === JSON.stringify(before));
  });
});

describe('the bytes of a supplied file, decoded in the browser as the disk reader decodes them', () => {
  const utf8 = (s: string) => [...new TextEncoder().encode(s)];
  const utf16le = (s: string) => [0xff, 0xfe, ...[...s].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])];
  const cases: [string, number[]][] = [
    ['UTF-8', utf8('area: Zahlung über Rechnung\nrequirements: []\n')],
    ['UTF-8 with its byte order mark', [0xef, 0xbb, 0xbf, ...utf8('area: x\n')]],
    ['UTF-16 little-endian', utf16le('area: x\r\n')],
    ['Latin-1 bytes in UTF-8 text', [...utf8('area: '), 0xfc, 0xe9, ...utf8('ber\nx: ü\n')]],
    ['a bad byte after a multi-byte character', [...utf8('a: é'), 0xff, ...utf8('\n')]],
    ['a character cut short before a good one', [...utf8('a: '), 0xe2, 0x82, ...utf8('b\n')]],
    ['a bad byte first', [0x80, ...utf8('a: 1\n')]],
    ['empty', []],
  ];
  for (const [name, bytes] of cases) {
    it(name, () => {
      const data = new Uint8Array(bytes);
      assert.deepEqual(decodeInBrowser(data), diskText(data));
    });
  }
});

/** What the Node reader says, in the shape the editor sends (no `source` when there is nothing to say). */
function diskText(bytes: Uint8Array): ReadFileResult {
  const { text, encoding } = decodeOnDisk(bytes);
  return encoding ? { text, source: { encoding } } : { text };
}
