/**
 * What the extension-host tests share: paths in the test workspace, waiting on VS Code's events
 * instead of sleeping, and findings written the way the CLI and the fixtures write them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/**
 * The extension host this bundle of the suite is for (test/vscode/build.mjs): VS Code's Node one,
 * or the web worker one of VS Code for the Web. host.test.ts checks that it really runs there.
 */
export const HOST: 'node' | 'web' = INBOUND_TEST_HOST;
declare const INBOUND_TEST_HOST: 'node' | 'web';

/** The tests the web worker host leaves out, each with why; its runner lists them. */
export const nodeOnly: string[] = [];

/** A test that needs the extension on Node: in the web worker host it is listed with the reason instead. */
export function itOnNode(reason: string, title: string, fn: Mocha.AsyncFunc): void {
  if (HOST === 'node') it(title, fn);
  else nodeOnly.push(`${title}: ${reason}`);
}

/** A group of tests that need the extension on Node (see `itOnNode`). */
export function describeOnNode(reason: string, title: string, fn: (this: Mocha.Suite) => void): void {
  if (HOST === 'node') describe(title, fn);
  else nodeOnly.push(`${title} (the whole group): ${reason}`);
}

/** How long anything the server does may take, cold start and workspace indexing included. */
export const TIMEOUT = 30_000;

/** The server's clock, set by the runner (INBOUND_TODAY); quick fixes write it into placeholders. */
export const TODAY = process.env.INBOUND_TODAY ?? '';

export function uri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/**
 * Resolves with the first value check() returns that is not undefined. check() runs now and again
 * whenever one of the events fires (and, for answers that come with no event, every `poll` ms);
 * after the timeout the promise rejects, saying what was expected and what check last saw.
 */
export function until<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  { events = [], poll, timeout = TIMEOUT, seen }: { events?: vscode.Event<unknown>[]; poll?: number; timeout?: number; seen?: () => string } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let running = false;
    let again = false;
    const subscriptions = events.map((event) => event(() => void attempt()));
    const ticker = poll ? setInterval(() => void attempt(), poll) : undefined;
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeout} ms waiting for ${what}${seen ? `; last seen: ${seen()}` : ''}`))), timeout);
    function finish(settle: () => void): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (ticker) clearInterval(ticker);
      for (const s of subscriptions) s.dispose();
      settle();
    }
    async function attempt(): Promise<void> {
      // One check at a time; an event during a check asks for one more afterwards.
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const value = await check();
          if (value !== undefined) return finish(() => resolve(value));
        } while (again && !settled);
      } catch (e) {
        finish(() => reject(e));
      } finally {
        running = false;
      }
    }
    void attempt();
  });
}

/**
 * Inbound's diagnostics for a file, in document order, each with its code as the plain string the
 * tests compare. (The editor's own carry the code with its rule page's link: `linkedDiagnostics`.)
 */
export function diagnostics(file: vscode.Uri): vscode.Diagnostic[] {
  return linkedDiagnostics(file).map((d) => {
    if (typeof d.code !== 'object') return d;
    const plain = new vscode.Diagnostic(d.range, d.message, d.severity);
    Object.assign(plain, { source: d.source, code: d.code.value, relatedInformation: d.relatedInformation, tags: d.tags });
    return plain;
  });
}

/** Inbound's diagnostics for a file as VS Code holds them, in document order. */
export function linkedDiagnostics(file: vscode.Uri): vscode.Diagnostic[] {
  const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
  return vscode.languages
    .getDiagnostics(file)
    .filter((d) => d.source === 'inbound')
    .sort((a, b) => a.range.start.compareTo(b.range.start) || code(a).localeCompare(code(b)));
}

/** A diagnostic as the CLI's positions say it: code, then 1-based start and end, "schema 4:13-4:20". */
export function finding(d: vscode.Diagnostic): string {
  const at = (p: vscode.Position) => `${p.line + 1}:${p.character + 1}`;
  return `${String(d.code)} ${at(d.range.start)}-${at(d.range.end)}`;
}

export function findings(file: vscode.Uri): string[] {
  return diagnostics(file).map(finding);
}

const diagnosticsOf = (file: vscode.Uri): vscode.Event<unknown> => (listener) =>
  vscode.languages.onDidChangeDiagnostics((e) => {
    if (e.uris.some((u) => u.toString() === file.toString())) listener(e);
  });

/** Waits until the file's findings are exactly `expected` (in document order), and returns them. */
export async function expectFindings(file: vscode.Uri, expected: string[], timeout = TIMEOUT): Promise<vscode.Diagnostic[]> {
  const want = JSON.stringify(expected);
  return until(`${vscode.workspace.asRelativePath(file)} to show ${want}`, () => (JSON.stringify(findings(file)) === want ? diagnostics(file) : undefined), {
    events: [diagnosticsOf(file)],
    timeout,
    seen: () => JSON.stringify(findings(file)),
  });
}

/** Waits until the file's diagnostics (in document order) satisfy the predicate, and returns them. */
export function expectDiagnostics(file: vscode.Uri, what: string, predicate: (all: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return until(`${vscode.workspace.asRelativePath(file)} to show ${what}`, () => {
    const all = diagnostics(file);
    return predicate(all) ? all : undefined;
  }, { events: [diagnosticsOf(file)], seen: () => JSON.stringify(findings(file)) });
}

/** Opens a file as a document (the language server then has its text), without showing it. */
export function open(file: vscode.Uri): Thenable<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(file);
}

/** The one diagnostic with this code (on this 1-based line, when given). */
export function only(file: vscode.Uri, code: string, line?: number): vscode.Diagnostic {
  const matching = diagnostics(file).filter((d) => d.code === code && (line === undefined || d.range.start.line === line - 1));
  assert.equal(matching.length, 1, `expected one ${code}${line ? ` on line ${line}` : ''} in ${vscode.workspace.asRelativePath(file)}, found ${JSON.stringify(findings(file))}`);
  return matching[0];
}

/** The code actions VS Code collects for a range, as a user sees them in the light bulb menu. */
export async function codeActions(file: vscode.Uri, range: vscode.Range, kind?: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', file, range, kind?.value);
  // A provider may answer with bare commands too; those are not code actions.
  return (actions ?? []).filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

/** Finds the quick fix whose title starts with `title` for the diagnostic and applies its edit. */
export async function applyFix(file: vscode.Uri, diagnostic: vscode.Diagnostic, title: string): Promise<vscode.CodeAction> {
  const actions = await codeActions(file, diagnostic.range, vscode.CodeActionKind.QuickFix);
  const action = actions.find((a) => a.title.startsWith(title));
  assert.ok(action, `no quick fix '${title}…' for ${finding(diagnostic)}; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.ok(action.edit, `'${action.title}' has no edit`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `VS Code refused the edit of '${action.title}'`);
  return action;
}

/** Replaces the first occurrence of `from` in an open document, as typing would. */
export async function replace(doc: vscode.TextDocument, from: string, to: string): Promise<void> {
  const at = doc.getText().indexOf(from);
  assert.ok(at >= 0, `'${from}' is not in ${vscode.workspace.asRelativePath(doc.uri)}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to);
  assert.equal(await vscode.workspace.applyEdit(edit), true);
}

/** The position just after the first occurrence of `text` on the 1-based line (or of the line's start). */
export function after(doc: vscode.TextDocument, line: number, text: string): vscode.Position {
  const at = doc.lineAt(line - 1).text.indexOf(text);
  assert.ok(at >= 0, `'${text}' is not on line ${line} of ${vscode.workspace.asRelativePath(doc.uri)}`);
  return new vscode.Position(line - 1, at + text.length);
}

/** Lines joined with \n, ending with one: how the expected texts of the fixtures read. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/** Writes a file on disk, as another program (git, a script) would, not through an editor. */
export async function writeFile(file: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
}

/** Saves every editor, so that disk and the editors agree again after a test that edited. */
export async function saveAll(): Promise<void> {
  assert.equal(await vscode.workspace.saveAll(false), true, 'VS Code could not save every file');
}
