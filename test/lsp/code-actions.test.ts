/**
 * Every quick-fix fixture (test/fixtures/fixes/) again, through the real server: the code action
 * the editor is offered, applied as the editor applies it, gives exactly the fixture's text, and the
 * findings the server then publishes are the fixture's.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest } from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { copyOf, LspClient, REPO, uri } from './lsp-client';

const ROOT = join(REPO, 'test', 'fixtures', 'fixes');

interface Case {
  description: string;
  file: string;
  fix?: { code: string; line: number; title: string; preferred?: boolean };
  fixAll?: boolean;
  after: string[];
}

function brief(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`);
}

/** Applies a code action's edit to the document, as the editor does; checks it is for this version. */
function apply(text: string, edit: WorkspaceEdit, fileUri: string, version: number): string {
  const changes = edit.documentChanges as TextDocumentEdit[];
  assert.equal(changes.length, 1);
  assert.equal(changes[0].textDocument.uri, fileUri);
  assert.equal(changes[0].textDocument.version, version, 'the edit is pinned to the version it was computed for');
  const doc = TextDocument.create(fileUri, 'yaml', version, text);
  return TextDocument.applyEdits(doc, changes[0].edits as TextEdit[]);
}

const cases = readdirSync(ROOT).filter((n) => statSync(join(ROOT, n)).isDirectory()).sort();

describe('quick fixes over the protocol', () => {
  let client: LspClient;
  let ws: ReturnType<typeof copyOf>;
  before(async () => {
    ws = copyOf(ROOT);
    // Each fixture is its own workspace folder, as in a multi-root workspace: their ids never meet.
    client = await LspClient.start(ws.dir, { debounceMs: 0, folders: cases.map((c) => join(ws.dir, c)) });
    await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files > 0);
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  for (const name of cases) {
    const spec = JSON.parse(readFileSync(join(ROOT, name, 'case.json'), 'utf8')) as Case;
    it(`${name}: ${spec.description}`, async () => {
      const file = join(ws.dir, name, spec.file);
      const fileUri = uri(file);
      const text = readFileSync(file, 'utf8');
      await client.open(fileUri, text);
      const diagnostics = await client.diagnostics(fileUri, (_d, p) => p.version === 1);
      let action: CodeAction | undefined;
      if (spec.fixAll) {
        const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri: fileUri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only: ['source.fixAll'] },
        })) as CodeAction[];
        assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all auto-fixable problems', 'source.fixAll.inbound']]);
        action = actions[0];
      } else {
        const want = spec.fix!;
        const target = diagnostics.find((d) => d.code === want.code && d.range.start.line + 1 === want.line);
        assert.ok(target, `a ${want.code} diagnostic on line ${want.line}: ${brief(diagnostics)}`);
        const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri: fileUri },
          range: target.range,
          context: { diagnostics: [target], only: ['quickfix'] },
        })) as CodeAction[];
        action = actions.find((a) => a.title === want.title);
        assert.ok(action, `"${want.title}" among ${actions.map((a) => a.title).join(' | ')}`);
        assert.equal(action.kind, 'quickfix');
        assert.deepEqual(action.diagnostics, [target], 'the action names the diagnostic it fixes');
        if (want.preferred !== undefined) assert.equal(!!action.isPreferred, want.preferred);
      }
      const fixed = apply(text, action.edit!, fileUri, 1);
      assert.equal(fixed, readFileSync(join(ROOT, name, 'after.yaml'), 'utf8'));
      await client.change(fileUri, [{ text: fixed }]);
      const now = await client.diagnostics(fileUri, (_d, p) => p.version === 2);
      assert.deepEqual(brief(now), spec.after);
      await client.close(fileUri);
    });
  }

  it('offers nothing for a document the server has never seen, or a range past its end', async () => {
    const none = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(join(ws.dir, 'nowhere.req.yaml')) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(none, []);
    const file = join(ws.dir, 'fix-all', 'checkout.req.yaml');
    await client.open(uri(file), readFileSync(file, 'utf8'));
    const far = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(file) },
      range: { start: { line: 9999, character: 0 }, end: { line: 9999, character: 99 } },
      context: { diagnostics: [] },
    });
    // Past the end means the last line: nothing there to fix.
    assert.deepEqual(far, []);
    await client.close(uri(file));
  });
});
