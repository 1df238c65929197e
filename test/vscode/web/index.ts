/**
 * The suite's entry in the web worker extension host (VS Code for the Web): the same test files as
 * suite/index.ts runs on Node, bundled into this one file with mocha's browser build, because that
 * host loads the tests module by fetching it and offers nothing to `require` but `vscode`. The same
 * contract: run() resolves when every test passed; fewer passed than the suite holds fails too. The
 * tests marked Node-only (helpers.ts) are listed with their reasons.
 */
import type MochaType from 'mocha';
import { nodeOnly } from '../suite/helpers';
import { countTests, inOrder } from '../suite/order';

/** The suite's test files as JSON (test/vscode/build.mjs lists them) and the grep it was built with. */
declare const INBOUND_SUITE_FILES: string;
declare const INBOUND_SUITE_GREP: string;

export function run(): Promise<void> {
  // Mocha's browser build sets itself up as a global (an ES module in mocha's package, it exports nothing).
  require('mocha/mocha.js');
  const mocha = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, slow: 5_000 });
  if (INBOUND_SUITE_GREP) mocha.grep(INBOUND_SUITE_GREP);
  for (const file of inOrder(JSON.parse(INBOUND_SUITE_FILES) as string[])) {
    mocha.suite.emit('pre-require', globalThis, file, mocha);
    // esbuild bundles every file this template can name; each registers its tests when required.
    require(`../suite/${file.replace(/\.test\.ts$/, '')}.test.ts`);
  }
  if (nodeOnly.length) console.log(`not run in the web worker host (Node-only):\n  ${nodeOnly.join('\n  ')}`);
  return new Promise((resolve, reject) => {
    // Mocha's own run(), not the browser build's wrapper, which reads the page's address.
    const runner = (globalThis as unknown as { Mocha: typeof MochaType }).Mocha.prototype.run.call(mocha, (failures: number) => {
      const passed = runner.stats?.passes ?? 0;
      const held = countTests(mocha.suite);
      console.log(`extension tests (web worker host): ${passed} passed, ${failures} failed, of ${held} in the suite; ${nodeOnly.length} Node-only tests and groups left out (listed above)`);
      if (failures) reject(new Error(`${failures} extension test${failures === 1 ? '' : 's'} failed`));
      else if (!INBOUND_SUITE_GREP && passed < held) reject(new Error(`only ${passed} of the suite's ${held} tests passed`));
      else resolve();
    });
  });
}

type BrowserMocha = MochaType & { setup(options: MochaType.MochaOptions & { ui?: string }): BrowserMocha };
