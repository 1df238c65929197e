/**
 * Export Report… never writes through a symbolic link at the file the save dialog named: a link
 * checked into the repository (`roadmap-readiness.html -> ~/.bashrc`) is refused, as
 * `inbound report --out` refuses it. The write itself (`saveReport`) runs here in the real extension
 * host, on VS Code's own file system API; the dialog in front of it is tested in reports.test.ts.
 */
import * as assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveReport } from '../../../client/src/report-panel';
import { describeOnNode, uri } from './helpers';

const REPORT = new TextEncoder().encode('<!doctype html><title>report</title>\n');

describeOnNode("it makes symbolic links with Node's file system, which the web worker host does not have", 'Export Report… and symbolic links', function () {
  if (process.platform === 'win32') return;
  let outside = '';
  before(() => {
    outside = mkdtempSync(join(tmpdir(), 'inbound-export-'));
  });
  after(() => rmSync(outside, { recursive: true, force: true }));

  it('refuses a link to a file outside the workspace, and leaves that file as it was', async () => {
    const victim = join(outside, 'bashrc');
    writeFileSync(victim, 'precious\n');
    const target = uri('linked-readiness.html');
    symlinkSync(victim, target.fsPath);
    try {
      assert.equal(await saveReport(target, REPORT), false);
      assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
      assert.ok(lstatSync(target.fsPath).isSymbolicLink(), 'the link is left as it was');
    } finally {
      rmSync(target.fsPath, { force: true });
    }
  });

  it('refuses a link to nothing, and creates nothing where it points', async () => {
    const nowhere = join(outside, 'autostart.desktop');
    const target = uri('dangling-readiness.html');
    symlinkSync(nowhere, target.fsPath);
    try {
      assert.equal(await saveReport(target, REPORT), false);
      assert.equal(existsSync(nowhere), false);
      assert.equal(readlinkSync(target.fsPath), nowhere);
    } finally {
      rmSync(target.fsPath, { force: true });
    }
  });

  it('replaces a regular file whole', async () => {
    const target = uri('plain-readiness.html');
    writeFileSync(target.fsPath, 'old\n');
    try {
      assert.equal(await saveReport(target, REPORT), true);
      assert.equal(readFileSync(target.fsPath, 'utf8'), new TextDecoder().decode(REPORT));
    } finally {
      rmSync(target.fsPath, { force: true });
    }
  });
});
