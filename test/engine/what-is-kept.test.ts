/**
 * `inbound check` keeps less of each file than an editor does (see `WorkspaceOptions.keep`): a
 * requirement off the roadmap keeps no evidence, none keeps its problem or owner. Nothing it prints
 * may change for it: the findings, the cross-file ones included, and the roadmap's verdicts are the
 * same whatever is kept, on every fixture and on random edits of them.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Workspace } from '../../server/src/engine';
import { tallyWorkspace } from '../../server/src/engine/report';
import { toCheckResult } from '../../server/src/cli/check-result';
import { loadProjects } from '../../server/src/node/load-projects';
import { applyMutation, assertProperty, CONFIG_SEEDS, mutation, REQUIREMENT_SEEDS, RUNS } from '../robustness/arbitraries';

const REPO = join(import.meta.dirname, '..', '..');
const TODAY = '2026-11-23';
const KEEP = ['all', 'read', 'findings'] as const;

/** What `inbound check` prints, short of formatting: every finding and the roadmap headline. */
function printed(ws: Workspace) {
  const tally = tallyWorkspace(ws);
  return { findings: [...ws.allDiagnostics()], requirements: tally.requirements, roadmap: tally.roadmap, unread: tally.unread.map((j) => j.file) };
}

describe('what a command-line check keeps of each file', () => {
  const folders = [join(REPO, 'examples'), ...readdirSync(join(REPO, 'test', 'fixtures', 'check')).map((f) => join(REPO, 'test', 'fixtures', 'check', f))];

  it('prints the same as a run that keeps everything, on examples/ and every check fixture', () => {
    for (const folder of folders) {
      const load = (findingsOnly: boolean) => loadProjects({ paths: [folder], today: TODAY, findingsOnly });
      const read = load(false);
      const lean = load(true);
      assert.deepEqual(
        lean.projects.map((p) => printed(p.workspace)),
        read.projects.map((p) => printed(p.workspace)),
        folder,
      );
      assert.deepEqual(toCheckResult(lean.projects, folder), toCheckResult(read.projects, folder), folder);
    }
  });

  it('drops what it promises to drop: evidence off the roadmap, the problem and the owner', () => {
    const text = [
      'requirements:',
      '  - id: KPT-1',
      '    title: Off the roadmap',
      '    status: idea',
      '    owner: pat@example.com',
      '    problem: Too slow.',
      '    evidence:',
      '      - kind: interview',
      '        account: Acme',
      '        date: 2026-11-01',
      '  - id: KPT-2',
      '    title: On the roadmap',
      '    status: roadmap',
      '    evidence:',
      '      - kind: interview',
      '        account: Acme',
      '        date: 2026-11-01',
      '',
    ].join('\n');
    const lean = new Workspace({ today: TODAY, keep: 'findings' });
    const [off, on] = lean.setFile('/w/a.req.yaml', text).model.requirements;
    assert.deepEqual([off.id, off.title, off.evidence, off.problem, off.owner], ['KPT-1', 'Off the roadmap', [], undefined, undefined]);
    assert.equal(on.evidence.length, 1);
    const full = new Workspace({ today: TODAY });
    assert.equal(full.setFile('/w/a.req.yaml', text).model.requirements[0].evidence.length, 1);
  });

  it('random edits of the fixtures, with and without a config: the same findings and verdicts whatever is kept', () => {
    const workspaceOf = fc.record({
      files: fc.array(fc.record({ seed: fc.nat(REQUIREMENT_SEEDS.length - 1), edits: fc.array(mutation, { maxLength: 3 }) }), { minLength: 1, maxLength: 4 }),
      config: fc.option(fc.nat(CONFIG_SEEDS.length - 1), { nil: undefined }),
    });
    assertProperty(
      fc.property(workspaceOf, ({ files, config }) => {
        const results = KEEP.map((keep) => {
          const ws = new Workspace({ today: TODAY, keep });
          if (config !== undefined) ws.setConfig('/w/inbound.config.yaml', CONFIG_SEEDS[config].text);
          files.forEach((f, i) => ws.setFile(`/w/f${i}.req.yaml`, f.edits.reduce(applyMutation, REQUIREMENT_SEEDS[f.seed].text)));
          return printed(ws);
        });
        assert.deepEqual(results[1], results[0]);
        assert.deepEqual(results[2], results[0]);
      }),
      Math.max(50, Math.round(RUNS / 5)),
    );
  });
});
