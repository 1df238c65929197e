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
