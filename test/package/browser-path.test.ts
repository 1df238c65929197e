/**
 * The POSIX path arithmetic the browser bundles use instead of `node:path` (scripts/browser-path.mjs)
 * answers as Node's own `path.posix` does, for the paths the language server holds: absolute POSIX
 * paths of files, and the paths virtual files go by (`/vscode-vfs:github/acme/repo/…`).
 */
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { describe, it } from 'node:test';
import * as browser from '../../scripts/browser-path.mjs';

const PATHS = [
  '/',
  '/a',
  '/a/b',
  '/a/b/',
  '/a/b/c.req.yaml',
  '/a/./b/../c',
  '/vscode-vfs:github/acme/repo',
  '/vscode-vfs:github/acme/repo/growth/reporting.req.yml',
  '/vscode-remote:127.0.0.1:8080/tmp/ws/inbound.config.yaml',
  '/file:/c:/Users/dana/reqs/a.req.yaml',
  'relative/x.yaml',
  '../up',
  '',
];

describe('POSIX paths for the browser bundles', () => {
  for (const name of ['dirname', 'basename', 'extname', 'normalize', 'isAbsolute'] as const) {
    it(`${name} answers as path.posix.${name}`, () => {
      for (const p of PATHS.filter((x) => x !== '' || name !== 'normalize')) assert.equal((browser[name] as (p: string) => unknown)(p), posix[name](p), `${name}(${JSON.stringify(p)})`);
    });
  }

  it('join, relative and resolve answer as path.posix does for absolute paths', () => {
    const absolute = PATHS.filter((p) => p.startsWith('/'));
    for (const a of absolute) {
      assert.equal(browser.join(a, 'inbound.config.yaml'), posix.join(a, 'inbound.config.yaml'), `join(${a})`);
      assert.equal(browser.resolve(a), posix.resolve(a), `resolve(${a})`);
      for (const b of absolute) assert.equal(browser.relative(a, b), posix.relative(a, b), `relative(${a}, ${b})`);
    }
    assert.equal(browser.basename('/a/b.req.yaml', '.yaml'), posix.basename('/a/b.req.yaml', '.yaml'));
    assert.equal(browser.sep, posix.sep);
  });
});
