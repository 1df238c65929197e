/** Where the cursor is, read from indentation: it must hold on half-typed text YAML cannot parse. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cursorContext } from '../../server/src/engine/cursor';

/** The context at the `|` in the text. */
function at(text: string) {
  const offset = text.indexOf('|');
  const c = cursorContext(text.replace('|', ''), offset);
  return { block: c.block, position: c.position, key: c.key, prefix: c.prefix, siblings: [...c.siblings.keys()] };
}

describe('cursor context', () => {
  it('a new key in a requirement, with the keys above and below it', () => {
    assert.deepEqual(at('requirements:\n  - id: A-1\n    ti|\n    status: idea\n  - id: A-2\n    title: x\n'), {
      block: 'requirements[]',
      position: 'key',
      key: undefined,
      prefix: 'ti',
      siblings: ['id', 'status'],
    });
  });

  it('a value in an evidence item, even when the line above does not parse', () => {
    assert.deepEqual(at('requirements:\n  - id: A-1\n    evidence:\n      - kind: "interview\n        account: Glo|\n'), {
      block: 'requirements[].evidence[]',
      position: 'value',
      key: 'account',
      prefix: 'Glo',
      siblings: ['kind'],
    });
  });

  it('a fresh list item under evidence starts a new block', () => {
    assert.deepEqual(at('requirements:\n  - id: A-1\n    evidence:\n      - kind: rfp\n        account: X\n      - |\n'), {
      block: 'requirements[].evidence[]',
      position: 'key',
      key: undefined,
      prefix: '',
      siblings: [],
    });
  });

  it('an entry of depends-on, as a block list and as a flow list', () => {
    assert.deepEqual(at('requirements:\n  - id: A-1\n    depends-on:\n      - A-|\n').position, 'entry');
    assert.deepEqual(at('requirements:\n  - id: A-1\n    depends-on: [A-2, |]\n'), {
      block: 'requirements[]',
      position: 'value',
      key: 'depends-on',
      prefix: '',
      siblings: ['id'],
    });
  });

  it('the waiver block, and the top of the file', () => {
    assert.equal(at('requirements:\n  - id: A-1\n    waiver:\n      reason: x\n      |\n').block, 'requirements[].waiver');
    assert.deepEqual(at('area: X\n|\n'), { block: '', position: 'key', key: undefined, prefix: '', siblings: ['area'] });
  });

  it('CRLF lines and a cursor past the end', () => {
    assert.equal(at('requirements:\r\n  - id: A-1\r\n    status: ro|\r\n').key, 'status');
    assert.equal(cursorContext('area: X', 999).position, 'value');
  });
});
