/**
 * The language server built for the browser (dist/web/server.js), run with nothing but what a web
 * worker has: its script in a context of its own whose globals are the web's (no process, Buffer,
 * require or setImmediate), talking over a MessagePort as it does to VS Code for the Web. The client
 * here is the editor: it supplies the workspace's files (`inbound/findFiles`, `inbound/readFile`).
 * It must find exactly what `inbound check` finds, and answer the features from the same analysis.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { MessageChannel } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
} from 'vscode-languageserver-protocol/node';
import type { DataCallback, Diagnostic, Message, ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { main } from '../../server/src/cli/main';
import type { FindFilesParams, ReadFileParams } from '../../server/src/lsp/protocol';
import { REPO, TODAY } from './lsp-client';

const EXAMPLES = join(REPO, 'examples');
const BUNDLE = join(REPO, 'dist', 'web', 'server.js');

class PortReader extends AbstractMessageReader {
  constructor(private readonly port: MessagePort) {
    super();
  }
  listen(callback: DataCallback) {
    const on = (data: Message) => callback(data);
    this.port.on('message', on);
    return { dispose: () => this.port.off('message', on) };
  }
}

class PortWriter extends AbstractMessageWriter {
  constructor(private readonly port: MessagePort) {
    super();
  }
  async write(message: Message): Promise<void> {
    this.port.postMessage(message);
  }
  end(): void {}
}

function brief(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`);
}

describe('the server built for the browser, with only a web worker’s globals', () => {
  let connection: ProtocolConnection;
  let port: MessagePort;
  const published = new Map<string, PublishDiagnosticsParams>();
  const waiting: (() => void)[] = [];

  before(async () => {
    const channel = new MessageChannel();
    port = channel.port1;
    // A web worker's globals, and nothing of Node's.
    const context = vm.createContext({
      self: channel.port2,
      console,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      queueMicrotask,
      TextEncoder,
      TextDecoder,
      URL,
      structuredClone,
      performance,
    });
    vm.runInContext(readFileSync(BUNDLE, 'utf8'), context, { filename: BUNDLE });
    connection = createProtocolConnection(new PortReader(port), new PortWriter(port));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      published.set(p.uri, p);
      for (const w of waiting.splice(0)) w();
    });
    connection.onRequest('inbound/findFiles', ({ folder, include, exclude }: FindFilesParams) => {
      const root = fileURLToPath(folder);
      const skip = picomatch(exclude.length ? exclude : ['\0']);
      return globSync(include, { cwd: root }).filter((f) => !skip(f)).map((f) => pathToFileURL(join(root, f)).href);
    });
    connection.onRequest('inbound/readFile', ({ uri }: ReadFileParams) => {
      try {
        return { text: readFileSync(fileURLToPath(uri), 'utf8') };
      } catch {
        return null;
      }
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: pathToFileURL(EXAMPLES).href,
      workspaceFolders: [{ uri: pathToFileURL(EXAMPLES).href, name: 'examples' }],
      capabilities: { workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
      initializationOptions: { today: TODAY, debounceMs: 0 },
    });
    await connection.sendNotification(InitializedNotification.type, {});
  });
  after(() => {
    connection.dispose();
    port.close();
  });

  const diagnostics = (uri: string, count: number) =>
    new Promise<Diagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${count} diagnostics for ${uri}; last: ${JSON.stringify(published.get(uri)?.diagnostics.map((d) => d.code))}`)), 15_000);
      const check = () => {
        const p = published.get(uri);
        if (p && p.diagnostics.length === count) {
          clearTimeout(timer);
          resolve(p.diagnostics);
        } else waiting.push(check);
      };
      check();
    });

  it('reports every requirement file, unopened, exactly as inbound check does', async () => {
    let out = '';
    const stdout = (t: string) => {
      out += t;
    };
    await main(['check', '.', '--format', 'json', '--today', TODAY], { cwd: EXAMPLES, stdout, stderr: () => undefined, color: false, version: 'test' });
    const expected = (JSON.parse(out) as { file: string; diagnostics: Diagnostic[] }[]).filter((f) => f.diagnostics.length > 0);
    assert.ok(expected.length > 0);
    for (const { file, diagnostics: want } of expected) {
      assert.deepEqual(brief(await diagnostics(pathToFileURL(join(EXAMPLES, file)).href, want.length)), brief(want), file);
    }
  });

  it('pushes the findings of a document as it is typed in (an editor that does not pull)', async () => {
    // The typed document's findings go out in the next turns of the event loop, which a worker
    // reaches without setImmediate: an edit that puts PLT-9 on the roadmap closes the gate on it.
    const file = join(EXAMPLES, 'platform.req.yaml');
    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('title: Dark mode')) + 1;
    assert.match(lines[line], /^\s*status: idea\b/);
    const before = published.get(uri)?.diagnostics.length ?? 0;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const at = lines[line].indexOf('idea');
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: at }, end: { line, character: at + 4 } }, text: 'roadmap' }],
    });
    const after = await new Promise<Diagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version 2 of ${uri}`)), 15_000);
      const check = () => {
        const p = published.get(uri);
        if (p?.version === 2) {
          clearTimeout(timer);
          resolve(p.diagnostics);
        } else waiting.push(check);
      };
      check();
    });
    assert.ok(after.some((d) => d.code === 'roadmap-gate' && d.range.start.line === line), JSON.stringify(after.map((d) => [d.code, d.range.start.line])));
    assert.ok(after.length > before);
  });

  it('answers a hover on a requirement id from the same analysis', async () => {
    const checkout = pathToFileURL(join(EXAMPLES, 'checkout.req.yaml')).href;
    const line = readFileSync(join(EXAMPLES, 'checkout.req.yaml'), 'utf8').split('\n').findIndex((l) => /- id: CHK-/.test(l));
    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: checkout }, position: { line, character: line >= 0 ? 10 : 0 } });
    assert.ok(hover, 'a hover');
    assert.match(JSON.stringify(hover.contents), /CHK-/);
  });
});
