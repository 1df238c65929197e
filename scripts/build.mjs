// Bundles the CLI, the language server and the VS Code extension, each into one file under dist/.
import { build } from 'esbuild';
import { chmodSync, existsSync, readFileSync, mkdirSync } from 'node:fs';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const common = {
  ...BUNDLE_OPTIONS,
  sourcemap: !production,
  minify: production,
  // Some dependencies read import.meta.url; in a CommonJS bundle it comes from __filename.
  define: { INBOUND_VERSION: JSON.stringify(pkg.version), 'import.meta.url': '__importMetaUrl' },
};
const shim = "const __importMetaUrl = require('url').pathToFileURL(__filename).href;";

mkdirSync('dist', { recursive: true });
const entries = [
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${shim}` } },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
].filter((e) => existsSync(e.entryPoints[0]));

await Promise.all(entries.map((e) => build({ banner: { js: shim }, ...common, ...e })));
// The `inbound` binary runs as a program (`npx inbound`, a shebang): esbuild writes it without the
// executable bit, and npm sets that bit only when it links an installed package.
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
