// How Inbound's code is bundled: shared by the build, the CLI package and the benchmark's floor, so
// that the floor is bundled exactly like the CLI it is compared with.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/** @type {import('esbuild').BuildOptions} */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  // yaml's ES-module build (its "browser" entry, the same source) lets esbuild hoist the parser's
  // functions into one scope; through the CommonJS build every call into the parser goes through
  // a module object, and parsing measured 10–15% slower.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
};

/**
 * What the browser bundles (VS Code for the Web, and the suite run there) take instead: POSIX paths
 * for `node:path`; csv-stringify's own browser build, which brings the Buffer its Node build finds
 * as a global (the report's CSV export).
 */
export const BROWSER_ALIAS = {
  ...BUNDLE_OPTIONS.alias,
  'node:path': './scripts/browser-path.mjs',
  'csv-stringify/sync': 'csv-stringify/browser/esm/sync',
};

/**
 * A hash of the engine's and the schemas' source (INBOUND_ENGINE_BUILD in the bundles): `--cache`
 * trusts an analysis only from the same engine, and between releases the version alone does not say
 * that the rules are the same.
 */
export function engineBuild() {
  const hash = createHash('sha256');
  for (const dir of ['server/src/engine', 'schemas']) {
    const root = new URL(`../${dir}/`, import.meta.url);
    for (const f of readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).sort()) {
      hash.update(f).update(readFileSync(new URL(f, root)));
    }
  }
  return hash.digest('hex').slice(0, 12);
}
