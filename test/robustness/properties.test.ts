/**
 * Property tests: whatever a person has half-typed, the engine answers without throwing, in
 * bounded time, with diagnostics an editor can draw (see invariants.ts). About a thousand cases per
 * property with a fixed seed in `npm test`; `npm run fuzz` runs the same properties with 100,000
 * cases each and a fresh seed.
 */
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { arbitraryText, assertProperty, CONFIG_SEEDS, mutatedSeed, REQUIREMENT_SEEDS, RUNS, SEED, seedFile, yamlishText } from './arbitraries';
import { checkEdits } from './invariants';

const FILE = '/w/edited.req.yaml';
const NEIGHBOUR = '/w/neighbour.req.yaml';

/** A second file, so the cross-file rules (duplicate ids, references, cycles) have something to meet. */
const neighbour = seedFile(REQUIREMENT_SEEDS);

describe(`engine properties (${RUNS} cases each, seed ${SEED})`, () => {
  it('has seeds to mutate', () => {
    if (REQUIREMENT_SEEDS.length < 20 || CONFIG_SEEDS.length < 3) throw new Error('seed files missing');
  });

  it('arbitrary text: never throws, bounded time, diagnostics inside the document', () => {
    assertProperty(
      fc.property(fc.oneof(arbitraryText, yamlishText), neighbour, (text, other) => {
        checkEdits([
          { file: NEIGHBOUR, text: other.text },
          { file: FILE, text },
        ]);
      }),
    );
  });

  it('mutated requirement files, edit after edit: the same holds at every step', () => {
    assertProperty(
      fc.property(mutatedSeed(REQUIREMENT_SEEDS), neighbour, ({ seed, steps }, other) => {
        checkEdits([
          { file: NEIGHBOUR, text: other.text },
          { file: FILE, text: seed.text },
          ...steps.map((text) => ({ file: FILE, text })),
        ]);
      }),
    );
  });

  it('two files mutated at once: cross-file findings stay consistent as both change', () => {
    assertProperty(
      fc.property(mutatedSeed(REQUIREMENT_SEEDS), mutatedSeed(REQUIREMENT_SEEDS), (a, b) => {
        const edits: { file: string; text: string }[] = [];
        for (let i = 0; i < Math.max(a.steps.length, b.steps.length); i++) {
          if (i < a.steps.length) edits.push({ file: FILE, text: a.steps[i] });
          if (i < b.steps.length) edits.push({ file: NEIGHBOUR, text: b.steps[i] });
        }
        checkEdits(edits);
      }),
    );
  });

  it('a broken or hostile config: defaults apply, the config shows its own findings', () => {
    assertProperty(
      fc.property(fc.oneof(mutatedSeed(CONFIG_SEEDS).map((m) => m.steps[m.steps.length - 1]), arbitraryText, yamlishText), neighbour, (config, other) => {
        checkEdits([{ file: NEIGHBOUR, text: other.text }], { config });
      }),
    );
  });
});
