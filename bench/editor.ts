/**
 * Keystrokes in a large file, timed from the `didChange` to the diagnostics published for it, in
 * Inbound's language server and in yaml-language-server validating the same file against Inbound's
 * JSON Schema. The two servers take turns keystroke by keystroke, so a busy moment on the machine
 * falls on both alike.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DidCloseTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import type { Keystroke } from './edits';
import { fileUri, LspSession, sleep } from './lsp-session';
import { SERVER_NODE_FLAGS } from '../server/src/lsp/protocol';

export interface EditorOptions {
  repo: string;
  /** The folder holding the large file and nothing else: the Inbound server's workspace. */
  folder: string;
  file: string;
  /** A folder of the peer's own, for its copy of the file and the deliberately broken one. */
  peerFolder: string;
  today: string;
  keystrokes: readonly Keystroke[];
  /** Runs after each keystroke both servers answered, before the next: to measure a yardstick under the same load. */
  between?: (keystroke: number) => void;
  log: (line: string) => void;
}

export interface ServerTimings {
  /** Milliseconds from sending each change to the publication for it; missing ones are not here. */
  latencies: number[];
  /** The keystroke (1-based) each latency belongs to. */
  keystrokes: number[];
  /** CPU the server process used per keystroke, in milliseconds (10 ms steps on Linux). */
  cpu: number[];
  /** Keystrokes (1-based) after which no publication arrived in time. */
  missing: number[];
  /** Diagnostics published for the opened file before any edit. */
  initialCount: number;
  /** Of those, the ones about the file's shape (Inbound's `schema` code; every one of the peer's). */
  initialSchemaCount: number;
  /** The last publication's diagnostics. */
  last?: Diagnostic[];
}

export interface PeerCheck {
  /** What the peer said about the deliberately broken file. */
  brokenMessages: string[];
  schemaUri: string;
  fileMatch: string[];
}

export interface EditorResult {
  inbound: ServerTimings;
  peer: ServerTimings;
  peerCheck: PeerCheck;
  problems: string[];
}

/** Broken in ways only a schema can tell: valid YAML, so without the schema there is nothing to report. */
const BROKEN = `area: Broken on purpose
requirements:
  - id: BRK-1
    titel: A misspelled key the schema does not allow
    status: planned
    evidence:
      - kind: sales-deal
        account: Acme GmbH
        date: 2026-01-01
`;

export async function runEditor(options: EditorOptions): Promise<EditorResult> {
  const { log } = options;
  const problems: string[] = [];
  const text = readFileSync(options.file, 'utf8');

  rmSync(options.peerFolder, { recursive: true, force: true });
  mkdirSync(options.peerFolder, { recursive: true });
  const peerFile = join(options.peerFolder, 'marketplace.req.yaml');
  copyFileSync(options.file, peerFile);
  const brokenFile = join(options.peerFolder, 'broken.req.yaml');
  writeFileSync(brokenFile, BROKEN);

  const schemaUri = fileUri(join(options.repo, 'schemas', 'requirements.schema.json'));
  const fileMatch = ['**/*.req.yaml'];
  const peer = await LspSession.start({
    command: [process.execPath, join(options.repo, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
    root: options.peerFolder,
    // JSON-Schema validation only, as a team without Inbound would set it up; nothing fetched from
    // the internet (the schema store and the Kubernetes catalogue are off).
    configuration: (section) => {
      if (section === 'yaml') {
        return { validate: true, schemas: { [schemaUri]: fileMatch }, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false }, format: { enable: false } };
      }
      return {};
    },
  });
  const inbound = await LspSession.start({
    command: [process.execPath, ...SERVER_NODE_FLAGS, join(options.repo, 'dist', 'server.js'), '--stdio'],
    root: options.folder,
    initializationOptions: { debounceMs: 0, today: options.today },
  });
  try {
    // The peer must really validate against the schema before its timings mean anything.
    const brokenUri = fileUri(brokenFile);
    const brokenPublished = peer.publication(brokenUri, (p) => p.diagnostics.length > 0, 30_000);
    await peer.open(brokenUri, BROKEN);
    const broken = await brokenPublished;
    const brokenMessages = broken?.params.diagnostics.map((d) => (typeof d.message === 'string' ? d.message : d.message.value)) ?? [];
    if (!brokenMessages.some((m) => /titel|planned|not allowed|allowed values|missing property/i.test(m))) {
      throw new Error(`yaml-language-server does not validate against the schema: on a broken file it said ${JSON.stringify(brokenMessages)}`);
    }
    log(`  peer validates: ${brokenMessages.length} problems on the broken file`);
    await peer.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: brokenUri } });
    await peer.settle(300);

    const peerUri = fileUri(peerFile);
    const peerOpened = peer.publication(peerUri, () => true, 120_000);
    await peer.open(peerUri, text);
    const peerFirst = await peerOpened;
    if (!peerFirst) throw new Error(`yaml-language-server published nothing for the large file; stderr: ${peer.stderr.slice(-2000)}`);
    await peer.settle(1000);

    const inboundIndexed = await inbound.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files >= 1, 120_000);
    if (!inboundIndexed) throw new Error(`the Inbound server never finished indexing its folder; stderr: ${inbound.stderr.slice(-2000)}`);
    const inboundUri = fileUri(options.file);
    const inboundOpened = inbound.publication(inboundUri, (p) => p.version === 1, 120_000);
    await inbound.open(inboundUri, text);
    const inboundFirst = await inboundOpened;
    if (!inboundFirst) throw new Error(`the Inbound server published nothing for the opened file; stderr: ${inbound.stderr.slice(-2000)}`);
    await inbound.settle(500);

    const result = {
      inbound: { latencies: [] as number[], keystrokes: [] as number[], cpu: [] as number[], missing: [] as number[], initialCount: inboundFirst.params.diagnostics.length,
        initialSchemaCount: inboundFirst.params.diagnostics.filter((d) => d.code === 'schema').length,
        last: inboundFirst.params.diagnostics },
      peer: { latencies: [] as number[], keystrokes: [] as number[], cpu: [] as number[], missing: [] as number[], initialCount: peerFirst.params.diagnostics.length,
        initialSchemaCount: peerFirst.params.diagnostics.length,
        last: peerFirst.params.diagnostics },
    };
    log(`  opened: Inbound ${result.inbound.initialCount} diagnostics, yaml-language-server ${result.peer.initialCount}`);

    const servers = [
      { name: 'inbound' as const, session: inbound, uri: inboundUri, timings: result.inbound, versioned: true },
      { name: 'peer' as const, session: peer, uri: peerUri, timings: result.peer, versioned: false },
    ];
    let version = 1;
    for (let k = 0; k < options.keystrokes.length; k++) {
      version++;
      const key = options.keystrokes[k];
      const change = { range: { start: { line: key.line, character: key.character }, end: { line: key.line, character: key.character } }, text: key.text };
      for (const s of k % 2 ? [...servers].reverse() : servers) {
        const v = version;
        // yaml-language-server publishes without a version; its next publication is the answer, as
        // nothing else is pending when the change goes out.
        const published = s.session.publication(s.uri, (p) => !s.versioned || p.version === v, 30_000);
        const cpu0 = s.session.cpuMs();
        const sent = await s.session.change(s.uri, v, [change]);
        const p = await published;
        const cpu1 = s.session.cpuMs();
        if (!p) {
          s.timings.missing.push(k + 1);
          problems.push(`${s.name === 'inbound' ? 'Inbound' : 'yaml-language-server'}: no diagnostics published within 30 s for keystroke ${k + 1} (version ${v}, line ${key.line + 1})`);
          continue;
        }
        s.timings.latencies.push(p.at - sent);
        s.timings.keystrokes.push(k + 1);
        if (cpu0 !== undefined && cpu1 !== undefined) s.timings.cpu.push(cpu1 - cpu0);
        s.timings.last = p.params.diagnostics;
        await sleep(30);
      }
      options.between?.(k + 1);
      if ((k + 1) % 10 === 0) log(`  ${k + 1} keystrokes`);
    }
    // Anything published after the last answer would be a late, out-of-order publication.
    const lateInbound = inbound.publication(inboundUri, (p) => (p.version ?? 0) !== version, 500);
    if (await lateInbound) problems.push('Inbound: a publication for an older version arrived after the last one');
    return { ...result, peerCheck: { brokenMessages, schemaUri, fileMatch }, problems };
  } finally {
    await Promise.all([inbound.stop(), peer.stop()]);
  }
}
