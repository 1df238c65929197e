// Makes the `inbound-cli` npm package: the command line on its own, for a team's repository
// (`npm install --save-dev inbound-cli`, `npx inbound-cli check`). The root package.json is the VS
// Code extension's manifest, so the CLI's package is generated into its own folder:
//
//   npm run pack:cli                 writes pack/inbound-cli/ (package.json, README.md, LICENSE, the
//                                    schemas, the minified bundle) and packs it into a tarball there;
//                                    prints the tarball's path, and the folder as the last line
//   npm run pack:cli -- --out DIR    the same in DIR
//   node scripts/pack-cli.mjs --bundle   (the package's prepack script) builds the bundle into the
//                                    current folder, so `npm pack` / `npm publish` of the folder
//                                    never ships a stale one
//
// The package has no dependencies: esbuild bundles every library into dist/cli.js, and the build
// fails if the bundle would still require anything but Node's own modules.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS, engineBuild } from './bundle-options.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NAME = 'inbound-cli';
const BUNDLE = 'dist/cli.js';
const root = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));

/**
 * Run-time loads in the bundle known to be optional: fdir (inside tinyglobby) tries
 * `require('picomatch')` through createRequire, in a try, for its own glob API, which tinyglobby
 * does not use (it passes fdir its own matcher); without it fdir carries on.
 */
const OPTIONAL_PROBES = [/try\{([\w$]+)\.resolve\("picomatch"\),[\w$]+=\1\("picomatch"\)\}catch\{\}/];

const args = process.argv.slice(2);
if (args.includes('--bundle')) {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  if (pkg.name !== NAME) fail(`--bundle builds into the ${NAME} package's folder; this is ${process.cwd()}`);
  await bundle(process.cwd());
} else {
  const at = args.indexOf('--out');
  const folder = resolve(at >= 0 && args[at + 1] ? args[at + 1] : join(REPO, 'pack', NAME));
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, 'schemas'), { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify(manifest(folder), null, 2) + '\n');
  copyFileSync(join(REPO, 'scripts', 'cli-package', 'README.md'), join(folder, 'README.md'));
  copyFileSync(join(REPO, 'LICENSE'), join(folder, 'LICENSE'));
  for (const f of readdirSync(join(REPO, 'schemas')).filter((f) => f.endsWith('.schema.json'))) {
    copyFileSync(join(REPO, 'schemas', f), join(folder, 'schemas', f));
  }
  await bundle(folder);
  // Built just now: the prepack script need not build it again.
  const r = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], {
    cwd: folder,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) fail(`npm pack failed: ${r.stderr || r.error}`);
  const [packed] = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
  const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
  console.log(`${packed.id}: ${packed.entryCount} files, ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked`);
  for (const f of packed.files) console.log(`  ${f.path}`);
  console.log(`tarball: ${join(folder, packed.filename)}`);
  console.log(folder);
}

/** The CLI's package.json: what npm needs to install and run it, and nothing of the extension's. */
function manifest(folder) {
  const prepack = relative(folder, join(REPO, 'scripts', 'pack-cli.mjs')).split(sep).join('/');
  return {
    name: NAME,
    version: root.version,
    description:
      'Checks product requirements written as YAML (*.req.yaml): warns when a roadmap item rests on one sales deal, gates the roadmap on market evidence, and reports roadmap readiness.',
    keywords: ['product-management', 'requirements', 'roadmap', 'evidence', 'yaml', 'linter', 'cli'],
    license: root.license,
    repository: root.repository,
    bin: { inbound: BUNDLE },
    files: [BUNDLE, 'schemas/*.schema.json', 'README.md', 'LICENSE'],
    engines: { node: root.engines.node },
    scripts: { prepack: `node ${prepack} --bundle` },
  };
}

/** The production build of the CLI (minified, no source map) into `folder`/dist/cli.js. */
async function bundle(folder) {
  const outfile = join(folder, BUNDLE);
  const result = await build({
    ...BUNDLE_OPTIONS,
    absWorkingDir: REPO,
    entryPoints: ['server/src/cli.ts'],
    outfile,
    minify: true,
    sourcemap: false,
    metafile: true,
    // As scripts/build.mjs builds dist/cli.js: the version, and import.meta.url in a CommonJS bundle.
    define: { INBOUND_VERSION: JSON.stringify(root.version), INBOUND_ENGINE_BUILD: JSON.stringify(engineBuild()), 'import.meta.url': '__importMetaUrl' },
    banner: { js: "#!/usr/bin/env node\nconst __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
  // Everything must be inside the bundle: the package declares no dependencies.
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  const output = Object.entries(result.metafile.outputs).find(([path]) => resolve(REPO, path) === outfile)?.[1];
  if (!output) fail(`esbuild did not report ${outfile}`);
  const outside = output.imports.filter((i) => i.external && !builtins.has(i.path)).map((i) => i.path);
  // A require() that esbuild could not see through (a computed name, a require made with
  // createRequire) would load a module at run time, from wherever the package is installed.
  const text = readFileSync(outfile, 'utf8');
  const computed = [...text.matchAll(/\brequire\((?!\s*["'`])/g)].length;
  const made = [...text.matchAll(/\bcreateRequire\b/g)].length;
  const probes = OPTIONAL_PROBES.filter((p) => p.test(text)).length;
  if (outside.length || computed || made !== probes) {
    const what = [...new Set(outside), ...(computed ? [`${computed} computed require() call(s)`] : []), ...(made !== probes ? ['a require made with createRequire'] : [])];
    fail(`the bundle still needs modules that are not Node's own: ${what.join(', ')}`);
  }
  chmodSync(outfile, 0o755);
  process.stderr.write(`pack-cli: built ${relative(process.cwd(), outfile) || outfile} (${(text.length / 1024).toFixed(0)} kB)\n`);
}

function fail(message) {
  process.stderr.write(`pack-cli: ${message}\n`);
  process.exit(1);
}
