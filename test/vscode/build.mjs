// Bundles the extension-host suite for `require`: out/vscode/suite/index.js (the run() entry, with
// mocha inside it) and one file per *.test.ts, which mocha loads. `vscode` is the extension host's.
// And the same suite for the web worker extension host, in one file: out/vscode/web/suite.js.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BROWSER_ALIAS } from '../../scripts/bundle-options.mjs';
import { TODAY } from './workspace.mjs';

const suite = fileURLToPath(new URL('./suite/', import.meta.url));
const tests = readdirSync(suite).filter((f) => f.endsWith('.test.ts'));
const outdir = fileURLToPath(new URL('../../out/vscode/suite/', import.meta.url));
// A test file that was deleted or renamed must not live on as a stale bundle that mocha still loads.
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: ['index.ts', ...tests].map((f) => suite + f),
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'warning',
  // Mocha's parallel mode resolves its worker files at run time; the suite runs serially.
  logOverride: { 'require-resolve-not-external': 'silent' },
  define: { INBOUND_TEST_HOST: '"node"' },
});

/**
 * The web worker host fetches the tests module and lets it require nothing but `vscode`: everything
 * else is in the file, mocha's browser build too. Node's modules are stand-ins that throw (the tests
 * that need them are marked Node-only and not run there); `node:assert/strict` is a small one of our
 * own; the clock and the grep, which Node reads from the environment, are written in.
 */
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const nodeOnly = here('./web/node-only.cjs');
await build({
  entryPoints: [here('./web/index.ts')],
  outfile: fileURLToPath(new URL('../../out/vscode/web/suite.js', import.meta.url)),
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'warning',
  alias: {
    ...BROWSER_ALIAS,
    'node:assert/strict': here('./web/assert.ts'),
    'node:fs': nodeOnly,
    'node:os': nodeOnly,
    'node:child_process': nodeOnly,
  },
  define: {
    INBOUND_TEST_HOST: '"web"',
    // A string: an array here would make esbuild inject a module into every file, mocha's too.
    INBOUND_SUITE_FILES: JSON.stringify(JSON.stringify(tests)),
    INBOUND_SUITE_GREP: JSON.stringify(process.env.INBOUND_SUITE_GREP ?? ''),
    'process.env.INBOUND_TODAY': JSON.stringify(TODAY),
    // Mocha's browser build would take the host's CommonJS module for its own and replace its exports.
    exports: 'undefined',
    module: 'undefined',
  },
});
