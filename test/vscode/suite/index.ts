/**
 * What the extension host runs when it starts with --extensionTestsPath: the contract of
 * @vscode/test-electron, which the offline runner on code-server keeps too. run() resolves when every
 * test passed and rejects otherwise; the runner turns that into its exit code.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { countTests, inOrder } from './order';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, slow: 5_000 });
  // INBOUND_SUITE_GREP=… runs only the matching tests, for a quicker round while writing them.
  if (process.env.INBOUND_SUITE_GREP) mocha.grep(process.env.INBOUND_SUITE_GREP);
  const files = inOrder(readdirSync(__dirname).filter((f) => f.endsWith('.test.js')));
  for (const f of files) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passed = runner.stats?.passes ?? 0;
      const held = countTests(mocha.suite);
      console.log(`extension tests: ${passed} passed, ${failures} failed, of ${held} in the suite`);
      if (failures) reject(new Error(`${failures} extension test${failures === 1 ? '' : 's'} failed`));
      // A test skipped, a file that failed to load its tests, a run cut short: fewer passed than the
      // suite holds is a failure too (unless a grep asked for fewer on purpose).
      else if (!process.env.INBOUND_SUITE_GREP && passed < held) reject(new Error(`only ${passed} of the suite's ${held} tests passed`));
      else resolve();
    });
  });
}
