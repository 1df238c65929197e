// Bundles the extension-host suite for `require`: out/vscode/suite/index.js (the run() entry, with
// mocha inside it) and one file per *.test.ts, which mocha loads. `vscode` is the extension host's.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
});
