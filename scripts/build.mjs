// Bundles the CLI, the language server and the VS Code extension, each into one file under dist/;
// and, for VS Code for the Web, the extension and the server once more for the browser (dist/web/).
import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { chmodSync, existsSync, readFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { BROWSER_ALIAS, BUNDLE_OPTIONS, engineBuild } from './bundle-options.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const common = {
  ...BUNDLE_OPTIONS,
  sourcemap: !production,
  minify: production,
  // Some dependencies read import.meta.url; in a CommonJS bundle it comes from __filename.
  define: {
    INBOUND_VERSION: JSON.stringify(pkg.version),
    INBOUND_ENGINE_BUILD: JSON.stringify(engineBuild()),
    'import.meta.url': '__importMetaUrl',
  },
};
const shim = "const __importMetaUrl = require('url').pathToFileURL(__filename).href;";

mkdirSync('dist', { recursive: true });
const entries = [
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${shim}` } },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['client/src/node-extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
].filter((e) => existsSync(e.entryPoints[0]));

/**
 * The browser bundles may use no Node module: the web extension host and the worker have none, and
 * a bundle that imports one loads in VS Code for the Web only to fail there. The build fails instead,
 * naming the module and who imports it. `node:path` alone is replaced, by POSIX arithmetic
 * (browser-path.mjs): the server's paths in the browser are all POSIX.
 */
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const noNodeModules = {
  name: 'no-node-modules',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (!builtins.has(args.path) || args.path === 'node:path') return undefined;
      return { errors: [{ text: `the browser bundle would load Node's '${args.path}' (imported by ${args.importer})` }] };
    });
  },
};
const browser = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  conditions: ['browser'],
  mainFields: ['browser', 'module', 'main'],
  logLevel: 'warning',
  sourcemap: !production,
  minify: production,
  define: { INBOUND_VERSION: JSON.stringify(pkg.version) },
  alias: BROWSER_ALIAS,
  plugins: [noNodeModules],
};
const browserEntries = [
  // The web extension host loads the extension as a CommonJS module, with only `vscode` to require.
  { entryPoints: ['client/src/browser-extension.ts'], outfile: 'dist/web/extension.js', format: 'cjs', external: ['vscode'] },
  // The server runs in a worker of its own, started from this file's text.
  { entryPoints: ['server/src/browser-server.ts'], outfile: 'dist/web/server.js', format: 'iife' },
].filter((e) => existsSync(e.entryPoints[0]));

await Promise.all([
  ...entries.map((e) => build({ banner: { js: shim }, ...common, ...e })),
  ...browserEntries.map((e) => build({ ...browser, ...e })),
]);
// The `inbound` binary runs as a program (`npx inbound`, a shebang): esbuild writes it without the
// executable bit, and npm sets that bit only when it links an installed package.
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);

// What the extension weighs, where it runs: `npm run package` shows it for every release.
if (production) {
  const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
  console.log('bundle sizes (minified, and gzipped as they travel to a browser):');
  for (const file of ['dist/extension.js', 'dist/server.js', 'dist/web/extension.js', 'dist/web/server.js'].filter((f) => existsSync(f))) {
    const bytes = readFileSync(file);
    console.log(`  ${file.padEnd(22)} ${kb(bytes.length).padStart(8)} ${kb(gzipSync(bytes).length).padStart(8)}`);
  }
}
