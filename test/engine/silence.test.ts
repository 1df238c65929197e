/**
 * "Silence with a reason" where it must not be offered. The places where it is, with the exact text
 * and the findings before and after the reason is written, are fixture folders
 * (test/fixtures/fixes/silence-*).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, fixesFor, Workspace } from '../../server/src/engine';

const FILE = '/w/checkout.req.yaml';

/** For each finding, "code line" (1-based) and whether it is offered the silence. */
function offered(text: string, settings?: string): string[] {
  const ws = new Workspace({ today: '2026-11-23' });
  if (settings) ws.setConfig('/w/inbound.config.yaml', settings);
  ws.setFile(FILE, text);
  const lines = ws.linesOf(FILE)!;
  return ws.diagnostics(FILE).diagnostics.map((d) => {
    const silence = fixesFor(ws, FILE, d).filter((f) => f.title.startsWith('Silence with a reason'));
    return `${d.code} ${lines.positionAt(d.span.start).line + 1}${silence.length ? ' silence' : ''}`;
  });
}

describe('Silence with a reason', () => {
  it('is not offered for the roadmap gate: only an approved waiver opens it', () => {
    const text = ['requirements:', '  - id: CHK-1', '    title: T', '    status: roadmap', '    evidence: []', ''].join('\n');
    assert.deepEqual(offered(text), ['roadmap-gate 4', 'no-evidence 5 silence']);
  });

  it('is not offered for a file that is not read: no comment in it counts', () => {
    assert.deepEqual(offered('requirements:\n  - id: CHK-1\n'), ['schema 2 silence', 'schema 2 silence']);
    assert.deepEqual(offered('requirements:\n  - id: [CHK-1\n'), ['yaml-syntax 2']);
    assert.deepEqual(offered(`requirements: []\n# ${'x'.repeat(2000)}\n`, 'max-file-kb: 1\n'), ['file-too-large 1']);
  });

  it('is not offered between another inbound-ignore comment and the line it silences', () => {
    const text = [
      'requirements:',
      '  - id: CHK-1',
      '    title: T',
      '    status: proposed',
      '    evidence:',
      '      - kind: interview',
      '        account: Globex AG',
      '        # inbound-ignore stale-evidence -- the interview is the one we have',
      '        date: 2029-01-01',
      '      - kind: survey',
      '        respondents: 40',
      '        date: 2029-01-01',
      '',
    ].join('\n');
    // The date is in the future, not stale: that comment silences nothing, yet it speaks of this
    // line, and a new comment between the two would make it speak of the new comment.
    assert.deepEqual(offered(text), ['future-evidence 9', 'future-evidence 12 silence']);
  });

  it('is not offered for a comment that lacks its reason: the answer is to write the reason', () => {
    const text = ['requirements:', '  - id: CHK-1', '    title: T', '    status: proposed', '    # inbound-ignore no-evidence -- ', '    evidence: []', '    segments: mid-market', ''].join('\n');
    assert.deepEqual(offered(text), ['schema 5', 'no-evidence 6', 'schema 7 silence']);
  });

  it('is not offered where the new line would be text: inside a quoted value written over two lines', () => {
    const text = ['requirements:', '  - {id: CHK-1, title: "Pay by', '      bank transfer", status: roadmp}', '  - {id: CHK-2, title: Refunds,', '      status: roadmp}', ''].join('\n');
    // On the line after a value that ended on the line before, the comment is a comment.
    assert.deepEqual(offered(text), ['schema 3', 'schema 5 silence']);
  });

  it('keeps a byte order mark the first character of the file', () => {
    const text = '\uFEFFaera: Checkout\nrequirements: []\n';
    const ws = new Workspace({ today: '2026-11-23' });
    ws.setFile(FILE, text);
    const d = ws.diagnostics(FILE).diagnostics[0];
    const fix = fixesFor(ws, FILE, d).find((f) => f.title === 'Silence with a reason (schema)')!;
    assert.equal(applyEdits(text, fix.edits), '\uFEFF# inbound-ignore schema -- \naera: Checkout\nrequirements: []\n');
  });
});
