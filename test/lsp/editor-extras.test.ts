/**
 * What the server adds for editors that announce they can use it, over the real protocol: the
 * cursor in a quick fix's first blank (snippet edits), quick fixes for the config's misspellings,
 * a documentation link on every finding's code, and whether (and by which project) a file is
 * checked. Clients that announce nothing get exactly what they got before.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest } from 'vscode-languageserver-protocol/node';
import type { ClientCapabilities, CodeAction, Diagnostic, SnippetTextEdit, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileStatusRequest } from '../../server/src/lsp/protocol';
import type { FileStatus } from '../../server/src/lsp/protocol';
import { LspClient, REPO, uri } from './lsp-client';

const FIXES = join(REPO, 'test', 'fixtures', 'fixes');

/** VS Code's capabilities as far as these tests need them, with or without the extras. */
function capabilities({ snippets = false, links = false } = {}): ClientCapabilities {
  return {
    workspace: {
      workspaceFolders: true,
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: true, ...(snippets ? { snippetEditSupport: true } : {}) },
    },
    window: { workDoneProgress: true },
    textDocument: {
      publishDiagnostics: { relatedInformation: true, versionSupport: true, ...(links ? { codeDescriptionSupport: true } : {}) },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
    },
  };
}

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'inbound-extras-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function quickFixes(client: LspClient, fileUri: string, d: Diagnostic, only = ['quickfix']): Promise<CodeAction[]> {
  return (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: fileUri },
    range: d.range,
    context: { diagnostics: [d], only },
  })) as CodeAction[];
}

function editsOf(action: CodeAction): (TextEdit | SnippetTextEdit)[] {
  const changes = action.edit!.documentChanges as TextDocumentEdit[];
  assert.equal(changes.length, 1);
  return changes[0].edits as (TextEdit | SnippetTextEdit)[];
}

/** What a snippet inserts as text (its one tab stop removed, escapes read), and where that tab stop is in it. */
function expand(snippet: string): { text: string; cursor: number } {
  let text = '';
  let cursor = -1;
  for (let i = 0; i < snippet.length; i++) {
    if (snippet[i] === '\\' && i + 1 < snippet.length) text += snippet[++i];
    else if (snippet.startsWith('$0', i)) {
      assert.equal(cursor, -1, 'one tab stop');
      cursor = text.length;
      i++;
    } else {
      assert.notEqual(snippet[i], '$', `no other snippet syntax in ${JSON.stringify(snippet)}`);
      text += snippet[i];
    }
  }
  return { text, cursor };
}

describe('snippet edits: the cursor in the first blank of a fix', () => {
  const cases = [
    { fixture: 'add-evidence-single-deal', code: 'single-deal', title: 'Add market evidence', blank: '        account: ' },
    { fixture: 'roadmap-gate-waiver', code: 'roadmap-gate', title: 'Record a waiver', blank: '      reason: ' },
    { fixture: 'silence-single-deal', code: 'single-deal', title: 'Silence with a reason', blank: '    # inbound-ignore single-deal -- ' },
    { fixture: 'add-evidence-flow-list', code: 'single-deal', title: 'Add market evidence', blank: '{kind: interview, account: ' },
  ];
  let snippets: LspClient;
  let plain: LspClient;
  before(async () => {
    const folders = cases.map((c) => join(FIXES, c.fixture));
    snippets = await LspClient.start(FIXES, { folders, capabilities: capabilities({ snippets: true }) });
    plain = await LspClient.start(FIXES, { folders, capabilities: capabilities() });
  });
  after(async () => {
    await snippets.stop();
    await plain.stop();
  });

  for (const c of cases) {
    it(`${c.title} (${c.fixture}): a snippet for a client that takes them, the same plain text for one that does not`, async () => {
      const spec = JSON.parse(readFileSync(join(FIXES, c.fixture, 'case.json'), 'utf8')) as { file: string; fix: { line: number; title: string } };
      const file = join(FIXES, c.fixture, spec.file);
      const text = readFileSync(file, 'utf8');
      const fileUri = uri(file);
      const applied: Record<string, { fixed: string; cursor?: number }> = {};
      for (const [name, client] of [['snippets', snippets], ['plain', plain]] as const) {
        await client.open(fileUri, text);
        const diagnostics = await client.diagnostics(fileUri, (_d, p) => p.version === 1);
        const target = diagnostics.find((d) => d.code === c.code && d.range.start.line + 1 === spec.fix.line)!;
        assert.ok(target, `${c.code} on line ${spec.fix.line}`);
        const action = (await quickFixes(client, fileUri, target)).find((a) => a.title === spec.fix.title);
        assert.ok(action, spec.fix.title);
        const doc = TextDocument.create(fileUri, 'yaml', 1, text);
        let cursor: number | undefined;
        const edits = editsOf(action).map((e) => {
          if (!('snippet' in e)) return e;
          const { text: newText, cursor: at } = expand(e.snippet.value);
          // An editor indents a snippet's later lines by what precedes it on its line: nothing may.
          if (/[\r\n]/.test(newText)) assert.equal(e.range.start.character, 0, 'a snippet of several lines starts its line');
          cursor = doc.offsetAt(e.range.start) + at;
          return { range: e.range, newText };
        });
        applied[name] = { fixed: TextDocument.applyEdits(doc, edits), cursor };
        await client.close(fileUri);
      }
      const expected = readFileSync(join(FIXES, c.fixture, 'after.yaml'), 'utf8');
      assert.equal(applied.plain.fixed, expected, 'plain edits: the text of the fixture');
      assert.equal(applied.plain.cursor, undefined, 'no snippet for a client that did not ask for them');
      assert.equal(applied.snippets.fixed, expected, 'the snippet inserts exactly the same text');
      assert.ok(applied.snippets.cursor !== undefined, 'one edit is a snippet');
      // The cursor, counted in the original text plus what was inserted before it, sits right after the blank's key.
      const before = applied.snippets.fixed.slice(0, applied.snippets.cursor);
      assert.ok(before.endsWith(c.blank), `the cursor follows ${JSON.stringify(c.blank)}: ${JSON.stringify(before.slice(-60))}`);
    });
  }
});

describe("the config's misspellings", () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = tempDir({
      'inbound.config.yaml': 'stale-after-day: 200\nrules:\n  stale-evidense: warning\n  single-deal: "warnign"\n',
      'checkout.req.yaml': 'requirements:\n  - id: CHK-1\n    title: T\n    status: idea\n',
    });
    client = await LspClient.start(dir, { capabilities: capabilities({ snippets: true }) });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("offers Change to 'X' for a setting, a rule code and a severity, and fixes all three at once", async () => {
    const file = join(dir, 'inbound.config.yaml');
    const fileUri = uri(file);
    const text = readFileSync(file, 'utf8');
    await client.open(fileUri, text);
    const diagnostics = await client.diagnostics(fileUri, (d, p) => p.version === 1 && d.length === 3);
    const titles: string[] = [];
    for (const d of diagnostics) titles.push(...(await quickFixes(client, fileUri, d)).map((a) => a.title));
    assert.deepEqual(titles, ["Change to 'stale-after-days'", "Change to 'stale-evidence'", "Change to 'warning'"]);
    const one = (await quickFixes(client, fileUri, diagnostics[2]))[0];
    assert.equal(one.isPreferred, true);
    assert.deepEqual(editsOf(one), [{ range: diagnostics[2].range, newText: '"warning"' }], 'a quoted value keeps its quotes; no snippet: nothing to fill in');
    const [all] = await quickFixes(client, fileUri, diagnostics[0], ['source.fixAll']);
    assert.equal(all.title, 'Fix all auto-fixable problems');
    const fixed = TextDocument.applyEdits(TextDocument.create(fileUri, 'yaml', 1, text), editsOf(all) as TextEdit[]);
    assert.equal(fixed, 'stale-after-days: 200\nrules:\n  stale-evidence: warning\n  single-deal: "warning"\n');
    await client.change(fileUri, [{ text: fixed }]);
    assert.deepEqual(await client.diagnostics(fileUri, (_d, p) => p.version === 2), []);
  });
});

describe("documentation links on each finding's code", () => {
  const dir = join(REPO, 'examples');
  const platform = uri(join(dir, 'platform.req.yaml'));

  async function firstFindings(options: Parameters<typeof LspClient.start>[1]): Promise<Diagnostic[]> {
    const client = await LspClient.start(dir, options);
    try {
      return await client.diagnostics(platform, (d) => d.length > 0);
    } finally {
      await client.stop();
    }
  }

  it("link to the editor's own rule pages when it names a base", async () => {
    const found = await firstFindings({ capabilities: capabilities({ links: true }), initializationOptions: { ruleDocs: 'vscode://inbound.inbound/rule/' } });
    for (const d of found) assert.deepEqual(d.codeDescription, { href: `vscode://inbound.inbound/rule/${d.code}` });
  });

  it('link to the page shipped beside the server otherwise, a file that is there; none for a client that shows no code links', async () => {
    const found = await firstFindings({ capabilities: capabilities({ links: true }) });
    for (const d of found) {
      const href = d.codeDescription?.href;
      assert.ok(href?.startsWith('file:'), `${d.code}: ${href}`);
      const page = fileURLToPath(href!);
      assert.equal(basename(page), `${d.code}.md`);
      assert.ok(existsSync(page), page);
    }
    const plain = await firstFindings({ capabilities: capabilities() });
    for (const d of plain) assert.equal(d.codeDescription, undefined);
  });
});

describe('whether a file is checked, and by which project', () => {
  let dir: string;
  let client: LspClient;
  const status = (rel: string) => client.connection.sendRequest(FileStatusRequest, { uri: uri(join(dir, rel)) }) as Promise<FileStatus>;
  before(async () => {
    dir = tempDir({
      'inbound.config.yaml': 'ignore: ["archive/**"]\n',
      'platform.req.yaml': 'requirements: []\n',
      'archive/old.req.yaml': 'requirements: []\n',
      'notes.yaml': 'a: 1\n',
      'packages/app/inbound.config.yaml': 'files: ["reqs/**/*.req.yaml"]\n',
      'packages/app/reqs/app.req.yaml': 'requirements: []\n',
      'packages/app/app.req.yaml': 'requirements: []\n',
    });
    client = await LspClient.start(dir, { capabilities: capabilities() });
    await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files === 2);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the project and its config for a requirement file', async () => {
    const root = basename(dir);
    assert.deepEqual(await status('platform.req.yaml'), {
      kind: 'requirements',
      project: root,
      config: 'inbound.config.yaml',
      text: `Checked · project: ${root} (inbound.config.yaml)`,
      detail: `Inbound checks this file with the settings of inbound.config.yaml. Ids, depends-on references and cycles are checked within the project ${root}.`,
      warning: false,
    });
    const app = await status('packages/app/reqs/app.req.yaml');
    assert.equal(app.text, 'Checked · project: packages/app (inbound.config.yaml)');
    assert.equal(app.config, 'packages/app/inbound.config.yaml');
  });

  it("says when it is Inbound's own config", async () => {
    const s = await status('packages/app/inbound.config.yaml');
    assert.equal(s.kind, 'config');
    assert.equal(s.text, "Inbound's own config · project: packages/app");
    assert.equal(s.warning, false);
  });

  it("says why a file is not a requirement file, and warns when one named like it is left out", async () => {
    const notes = await status('notes.yaml');
    assert.deepEqual([notes.kind, notes.text, notes.warning], ['other', "Not a requirement file (the config's globs do not select it)", false]);
    const outside = await status('packages/app/app.req.yaml');
    assert.deepEqual([outside.text, outside.warning], ["Not a requirement file (the config's globs do not select it)", true]);
    assert.match(outside.detail, /reqs\/\*\*\/\*\.req\.yaml/);
    const archived = await status('archive/old.req.yaml');
    assert.deepEqual([archived.text, archived.warning], ["Not a requirement file (the config's ignore globs leave it out)", true]);
  });

  it('checks a requirement file outside every folder on its own', async () => {
    const loose = await client.connection.sendRequest(FileStatusRequest, { uri: uri(join(tmpdir(), 'elsewhere.req.yaml')) });
    assert.equal(loose?.text, 'Checked · on its own (outside the workspace folders)');
    const untitled = await client.connection.sendRequest(FileStatusRequest, { uri: 'untitled:Untitled-1' });
    assert.equal(untitled?.text, 'Not a requirement file');
  });
});
