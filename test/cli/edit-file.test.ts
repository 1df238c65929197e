/**
 * How `inbound mcp --allow-edits` writes an evidence item into a file (server/src/node/edit-file.ts):
 * only into the text the edit was planned on, keeping a byte order mark and line ends, never
 * through a symbolic link, never outside the project.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ChangedSincePlanned, editFileSync } from '../../server/src/node/edit-file';
import { OutsideProject } from '../../server/src/node/read-text';
import { SymbolicLinkTarget } from '../../server/src/node/replace-file';

const TEXT = 'requirements:\r\n  - id: A-1\r\n    title: One\r\n';
const EDIT = [{ span: { start: TEXT.length, end: TEXT.length }, newText: '    status: idea\r\n' }];

describe('editing a requirement file on disk', () => {
  let dir: string;
  let root: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'inbound-edit-'));
    root = join(dir, 'project');
    mkdirSync(root);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const options = (planned = TEXT) => ({ root, planned, edits: EDIT, maxBytes: 1 << 20 });

  it('applies the edit to the text it was planned on, keeping the byte order mark and CRLF', () => {
    const file = join(root, 'bom.req.yaml');
    writeFileSync(file, '\ufeff' + TEXT);
    editFileSync(file, options());
    assert.equal(readFileSync(file, 'utf8'), '\ufeff' + TEXT + '    status: idea\r\n');
  });

  it('leaves a file that changed since the edit was planned as it is', () => {
    const file = join(root, 'changed.req.yaml');
    writeFileSync(file, TEXT + '    owner: someone\r\n');
    assert.throws(() => editFileSync(file, options()), ChangedSincePlanned);
    assert.equal(readFileSync(file, 'utf8'), TEXT + '    owner: someone\r\n');
  });

  it('writes neither through a link inside the project nor to a file outside it', () => {
    const target = join(root, 'target.yaml');
    writeFileSync(target, TEXT);
    symlinkSync(target, join(root, 'inside.req.yaml'));
    assert.throws(() => editFileSync(join(root, 'inside.req.yaml'), options()), SymbolicLinkTarget);
    const outside = join(dir, 'outside.yaml');
    writeFileSync(outside, TEXT);
    symlinkSync(outside, join(root, 'outside.req.yaml'));
    assert.throws(() => editFileSync(join(root, 'outside.req.yaml'), options()), OutsideProject);
    assert.equal(readFileSync(target, 'utf8'), TEXT);
    assert.equal(readFileSync(outside, 'utf8'), TEXT);
  });
});
