/**
 * One truth: every number a person sees is read from the same findings and agrees. On one
 * workspace with a waived item, an item waived by its own owner, market evidence from a deal's own
 * account and a file whose YAML cannot be read, the real server's status notification and code
 * lenses, its report, and `inbound report` all say the same thing, before and after the file is
 * mended.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeLensRequest } from 'vscode-languageserver-protocol/node';
import type { CodeLens } from 'vscode-languageserver-protocol/node';
import type { WorkspaceStatus } from '../../server/src/lsp/protocol';
import type { Report } from '../../server/src/report';
import { renderReportCsv } from '../../server/src/report';
import { roadmapDetail, roadmapHeadline } from '../../server/src/report/words';
import { runInProcess } from '../cli/run-cli';
import { copyOf, LspClient, REPO, TODAY, uri } from './lsp-client';

const FIXTURE = join(REPO, 'test', 'fixtures', 'one-truth');

async function cliReport(dir: string): Promise<Report> {
  const { stdout } = await runInProcess(dir, ['report', '.', '--format', 'json', '--today', TODAY]);
  return JSON.parse(stdout) as Report;
}

describe('one truth: status bar, code lens, report and CLI agree', () => {
  let ws: ReturnType<typeof copyOf>;
  let client: LspClient;
  before(async () => {
    ws = copyOf(FIXTURE);
    client = await LspClient.start(ws.dir, { debounceMs: 10 });
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  const lenses = async (file: string) =>
    ((await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri(join(ws.dir, file)) } })) as CodeLens[]).map((l) => ({
      line: l.range.start.line,
      title: l.command!.title,
    }));

  it('with a file that cannot be read: it is counted, named, and its requirements are in no total', async () => {
    const status = await client.notification<WorkspaceStatus>('inbound/status', (s) => !s.indexing && s.files === 2);
    const report = await cliReport(ws.dir);
    const served = (await client.connection.sendRequest('inbound/report', {})) as Report;

    // 3 of 5 roadmap items are not ready: one waived (not ready), one waived by its owner and one
    // resting on its own customer's interview (both blocked).
    assert.deepEqual(report.headline.roadmap, { total: 5, ready: 2, waived: 1, blocked: 2, atRisk: 0, noEvidence: 0 });
    assert.deepEqual(status.roadmap, report.headline.roadmap);
    assert.deepEqual(served.headline, report.headline);
    assert.equal(status.requirements, report.headline.requirements);
    assert.equal(status.requirements, 6, 'the broken file’s two requirements are not counted');
    assert.equal(status.files, report.files);
    assert.deepEqual(
      status.unread.map((u) => [u.path, u.line]),
      report.unreadFiles.map((u) => [u.path, u.line]),
    );
    assert.equal(roadmapHeadline(status.roadmap), '2 of 5 roadmap items ready');
    assert.equal(roadmapDetail(status.roadmap), '1 waived · 2 blocked by the gate');
    // The CLI's summary line says the same, in the same words, and names the file it could not read.
    const check = await runInProcess(ws.dir, ['check', '.', '--today', TODAY]);
    assert.match(check.stdout, /· 6 requirements in 2 files · 1 file could not be read: broken\.req\.yaml · 2 of 5 roadmap items ready \(1 waived · 2 blocked by the gate\)\.\n$/);

    // The lenses say the report's verdict of each requirement, and the broken file says it is not counted.
    const shown = await lenses('checkout.req.yaml');
    const words: Record<string, string> = { ready: 'roadmap-ready', blocked: 'not roadmap-ready', waived: 'on the roadmap by waiver' };
    assert.deepEqual(
      shown.map((l) => l.title),
      [
        '1 deal · 1 market · roadmap-ready',
        '0 deals · 1 RFP · 1 market · roadmap-ready',
        '1 deal · 0 market · on the roadmap by waiver',
        '1 deal · 0 market · not roadmap-ready',
        '1 deal · 0 market · 1 same account as the deal · not roadmap-ready',
        '0 deals · 1 market · roadmap-ready',
      ],
    );
    for (const [i, row] of report.requirements.filter((r) => r.onRoadmap).entries()) assert.ok(shown[i].title.endsWith(words[row.verdict]), row.id);
    assert.deepEqual(await lenses('broken.req.yaml'), [{ line: 0, title: `Not counted in the roadmap: YAML cannot read this file (line ${report.unreadFiles[0].line + 1})` }]);

    // The editor's export names files as the CLI does (relative paths, not file:/// URIs): the
    // CSV the editor writes is the CSV `inbound report` writes.
    const exported = (await client.connection.sendRequest('inbound/report', { relativeTo: uri(ws.dir) })) as Report;
    const csv = await runInProcess(ws.dir, ['report', '.', '--format', 'csv', '--today', TODAY]);
    assert.equal(renderReportCsv(exported), csv.stdout);
    assert.ok(exported.requirements.every((r) => r.file === 'checkout.req.yaml'));
  });

  it('after the file is mended in the editor: the status, the lenses and the report count it, alike', async () => {
    const file = join(ws.dir, 'broken.req.yaml');
    const text = readFileSync(file, 'utf8');
    await client.open(uri(file), text);
    const line = text.split('\n').findIndex((l) => l.includes('"Export to Excel'));
    await client.change(uri(file), [{ range: { start: { line, character: 27 }, end: { line, character: 27 } }, text: '"' }]);
    const status = await client.notification<WorkspaceStatus>('inbound/status', (s) => !s.indexing && s.unread.length === 0);
    const served = (await client.connection.sendRequest('inbound/report', {})) as Report;
    assert.deepEqual(status.roadmap, { total: 7, ready: 2, waived: 1, blocked: 4, atRisk: 0, noEvidence: 0 });
    assert.deepEqual(status.roadmap, served.headline.roadmap);
    assert.equal(status.requirements, 8);
    assert.deepEqual(served.unreadFiles, []);
    assert.deepEqual(
      (await lenses('broken.req.yaml')).map((l) => l.title),
      ['0 deals · 0 market · not roadmap-ready', '0 deals · 0 market · not roadmap-ready'],
    );
  });
});
