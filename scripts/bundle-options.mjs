// How Inbound's code is bundled: shared by the build and by the benchmark's floor, so that the
// floor is bundled exactly like the CLI it is compared with.

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
