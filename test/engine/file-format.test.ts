/**
 * Corner cases of the file format that the findings alone do not show: the values the model reads
 * (what the reports and the rules compute with). The findings themselves are in test/fixtures/check.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_POLICY } from '../../schemas/config';
import { analyzeFile } from '../../server/src/engine/analyze';

const ctx = { policy: DEFAULT_POLICY, today: '2026-11-23' };
const model = (text: string) => analyzeFile('f.req.yaml', text, ctx).model;

describe('text fields', () => {
  it('take any plain scalar as the words written, and numbers stay numbers', () => {
    const m = model(
      [
        'area: 2027',
        'requirements:',
        '  - id: CHK-1',
        '    title: 2027',
        '    status: " validated "',
        '    owner: true',
        '    segments: [2027, dach, 1e3]',
        '    evidence:',
        '      - kind: sales-deal',
        '        account: 4711',
        '        deal: 0042',
        '        amount: 120000',
        '        stage: " won"',
        '        date: 2026-09-12',
        '',
      ].join('\n'),
    );
    assert.equal(m.area, '2027');
    const [req] = m.requirements;
    assert.equal(req.title, '2027');
    assert.equal(req.status, 'validated');
    assert.equal(req.owner, 'true');
    assert.deepEqual(req.segments, ['2027', 'dach', '1e3']);
    const [ev] = req.evidence;
    assert.equal(ev.complete, true);
    assert.equal(ev.account, '4711');
    assert.equal(ev.deal, '0042');
    assert.equal(ev.amount, 120000);
    assert.equal(ev.stage, 'won');
  });

  it('keep an empty value empty, not the text null', () => {
    const m = model('requirements:\n  - id: CHK-1\n    title: null\n    owner: ~\n    status: idea\n');
    assert.equal(m.requirements[0].title, undefined);
    assert.equal(m.requirements[0].owner, undefined);
  });

  it('read dates as written under a %YAML 1.1 directive, in evidence and waivers', () => {
    const m = model(
      [
        '%YAML 1.1',
        '---',
        'requirements:',
        '  - id: CHK-1',
        '    title: One',
        '    status: roadmap',
        '    evidence:',
        '      - kind: interview',
        '        account: Globex AG',
        '        date: 2026-10-01',
        '    waiver:',
        '      reason: yes',
        '      approved-by: vp@example.com',
        '      date: 2026-11-02',
        '',
      ].join('\n'),
    );
    const [req] = m.requirements;
    assert.equal(req.evidence[0].date, '2026-10-01');
    assert.equal(req.evidence[0].complete, true);
    assert.equal(req.waiver?.date, '2026-11-02');
    assert.equal(req.waiver?.reason, 'yes');
  });
});

describe('merge keys', () => {
  it('bring nothing in, and an evidence item with one counts for nothing', () => {
    for (const directive of ['', '%YAML 1.1\n---\n']) {
      const m = model(
        directive +
          [
            'requirements:',
            '  - &base',
            '    id: CHK-1',
            '    title: Base',
            '    status: roadmap',
            '  - <<: *base',
            '    id: CHK-2',
            '    evidence:',
            '      - <<: {kind: interview, account: Globex AG}',
            '        date: 2026-10-01',
            '',
          ].join('\n'),
      );
      const merged = m.requirements[1];
      assert.equal(merged.id, 'CHK-2');
      assert.equal(merged.title, undefined);
      assert.equal(merged.status, undefined);
      assert.equal(merged.evidence[0].complete, false);
      assert.deepEqual(
        m.findings.map((f) => f.message),
        [
          'YAML merge keys (<<) are not supported in requirement files: write the keys out here.',
          'YAML merge keys (<<) are not supported in requirement files: write the keys out here.',
        ],
      );
    }
  });
});
