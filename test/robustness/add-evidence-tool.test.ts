/**
 * The assistants' *add evidence* with any text a model may write into an evidence item: it is
 * either refused in one sentence, or it is one inserted item that the file reads back exactly as
 * given, with every other character of the file as it was and the file still judged (no new YAML
 * error). A model's input is as hostile as a file's: quotes, colons, `#`, line breaks, control
 * characters, lone surrogates, YAML's own words.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyEdits, Workspace } from '../../server/src/engine';
import { planTool, ToolError } from '../../server/src/tools';
import type { ToolScope } from '../../server/src/tools';
import { writtenEvidence } from '../../server/src/tools/written';
import { arbitraryText, assertProperty } from './arbitraries';

const FILE = join(__dirname, '..', '..', 'examples', 'checkout.req.yaml');
const TEXT = readFileSync(FILE, 'utf8');

function scope(): ToolScope {
  const workspace = new Workspace({ today: '2026-11-23' });
  workspace.setFile(FILE, TEXT);
  return { projects: [{ workspace }], fileName: (f) => basename(f) };
}

describe('add evidence with arbitrary text', () => {
  const shared = scope();
  const ids = ['CHK-100', 'CHK-101', 'CHK-102', 'CHK-103'];

  it('is refused in one sentence, or inserts exactly the item given and nothing else', () => {
    assertProperty(
      fc.property(fc.constantFrom(...ids), arbitraryText, arbitraryText, fc.option(arbitraryText, { nil: undefined }), (id, account, note, person) => {
        const evidence = { kind: 'interview', account, note, ...(person === undefined ? {} : { person }) };
        let plan;
        try {
          plan = planTool('inbound_add_evidence', { id, evidence }, shared);
        } catch (e) {
          assert.ok(e instanceof ToolError, `only a ToolError, not ${(e as Error).stack}`);
          assert.match(e.message, /^[^\n]+\.$/, 'one sentence on one line');
          return;
        }
        assert.equal(plan.text, TEXT);
        // Insertions only: every character of the file is still there, in order.
        for (const edit of plan.edits) assert.equal(edit.span.start, edit.span.end, 'an insertion');
        const after = applyEdits(TEXT, plan.edits);
        const index = ids.indexOf(id);
        const items = writtenEvidence(after, index);
        assert.ok(items, 'the file still parses');
        assert.deepEqual(items.slice(0, -1), writtenEvidence(TEXT, index), 'the other items as they were');
        assert.deepEqual(items[items.length - 1], plan.item, 'the new item reads back as planned');
        // The engine judges the file as before: no YAML error where there was none.
        const workspace = new Workspace({ today: '2026-11-23' });
        workspace.setFile(FILE, after);
        assert.ok(!workspace.diagnostics(FILE).diagnostics.some((d) => d.code === 'yaml-syntax'), 'no YAML error');
        assert.equal(workspace.catalog().definitions.get(id)?.[0].requirement.evidence.length, items.length);
      }),
      300,
    );
  });
});
