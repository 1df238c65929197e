// Where the end-to-end tests keep things. Everything they install or write lives in the ignored
// folder .vscode-e2e/ (code-server, run folders) or in test-artifacts/ (screenshots, kept logs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');

/**
 * code-server 4.100.3 bundles VS Code 1.100.3. It is the newest release whose `engines.node` is 20
 * (later ones need Node 22), and its install script refuses any other Node major.
 */
export const CODE_SERVER_VERSION = '4.100.3';
export const NODE_MAJOR = 20;

export const PREFIX = path.join(ROOT, '.vscode-e2e');
export const CODE_SERVER_DIR = path.join(PREFIX, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_PKG = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_PKG, 'out', 'node', 'entry.js');
/** Written last by the install, so a half-finished install is never taken for a finished one. */
export const CODE_SERVER_STAMP = path.join(CODE_SERVER_DIR, '.installed');
export const RUNS = path.join(PREFIX, 'runs');

/** Debian's chromium; playwright-core drives it and never downloads a browser of its own. */
export const CHROMIUM = process.env.INBOUND_CHROMIUM || '/usr/bin/chromium';

export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const VSIX = path.join(ROOT, 'inbound.vsix');
/** The mocha suite that runs inside the extension host, bundled by test/vscode/build.mjs. */
export const SUITE = path.join(ROOT, 'out', 'vscode', 'suite', 'index.js');
/** The same suite for the web worker extension host, in one file (test/vscode/build.mjs). */
export const WEB_SUITE = path.join(ROOT, 'out', 'vscode', 'web', 'suite.js');
