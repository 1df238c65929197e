#!/usr/bin/env node
// Installs the VS Code the end-to-end tests run in: code-server from npm, which bundles the VS Code
// server and web workbench. Offline apart from the npm registry, so every step of its install that
// would download from elsewhere is pointed at something already on the machine. Idempotent: when the
// install is there, this takes a fraction of a second.
//
//   node test/e2e/setup.mjs          install (or check) and say how long it took
//
// The Debian packages it relies on (g++, make, python3, pkg-config, libkrb5-dev, ripgrep, chromium)
// are installed by .ci/run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CHROMIUM,
  CODE_SERVER_DIR,
  CODE_SERVER_ENTRY,
  CODE_SERVER_PKG,
  CODE_SERVER_STAMP,
  CODE_SERVER_VERSION,
  NODE_MAJOR,
  PREFIX,
} from './lib/paths.mjs';

/** Thrown when this machine cannot run the tests at all (as opposed to an install that broke). */
export class Unavailable extends Error {}

const log = (message) => process.stderr.write(`[e2e setup] ${message}\n`);

/** Whether code-server is installed and complete. */
export function installed() {
  return fs.existsSync(CODE_SERVER_STAMP) && fs.existsSync(CODE_SERVER_ENTRY);
}

/** Why the machine cannot run the browser tests, or undefined when it can. */
export function missingPrerequisite() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== NODE_MAJOR) return `code-server ${CODE_SERVER_VERSION} runs on Node ${NODE_MAJOR}; this is Node ${process.versions.node}`;
  if (!isExecutable(CHROMIUM)) return `no chromium at ${CHROMIUM} (apt-get install chromium, or set INBOUND_CHROMIUM)`;
  return undefined;
}

export function setup() {
  const started = Date.now();
  const missing = missingPrerequisite();
  if (missing) throw new Unavailable(missing);
  if (installed()) return { seconds: (Date.now() - started) / 1000, fresh: false };

  const rg = which('rg');
  if (!rg) throw new Unavailable('ripgrep (rg) is not installed: apt-get install ripgrep');
  // node-gyp compiles code-server's native modules against these headers instead of downloading them.
  const nodeDir = path.dirname(path.dirname(fs.realpathSync(process.execPath)));
  if (!fs.existsSync(path.join(nodeDir, 'include', 'node', 'node.h'))) throw new Unavailable(`no Node headers under ${nodeDir}/include/node`);

  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(process.cwd(), CODE_SERVER_DIR) || '.'} (native builds, about two minutes)`);
  // A half-finished install, and those of other versions (300 MB each), go first.
  fs.mkdirSync(PREFIX, { recursive: true });
  for (const name of fs.readdirSync(PREFIX)) {
    if (name.startsWith('code-server-')) fs.rmSync(path.join(PREFIX, name), { recursive: true, force: true });
  }
  const tmp = path.join(CODE_SERVER_DIR, '.tmp');
  fs.mkdirSync(tmp, { recursive: true });
  // A package of its own, so npm never walks up into the project's package.json. npm 11 asks for
  // install scripts to be approved: code-server's builds VS Code's dependencies, argon2's compiles.
  writeJson(path.join(CODE_SERVER_DIR, 'package.json'), {
    name: 'inbound-e2e-code-server',
    private: true,
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    allowScripts: { 'code-server': true, argon2: true },
  });
  const env = {
    ...process.env,
    npm_config_nodedir: nodeDir,
    // node-pty's install script runs `npx node-gyp`, which would wait for a yes that never comes.
    npm_config_yes: 'true',
    // code-server's install script refuses to run as root without it.
    npm_config_unsafe_perm: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    // The installs nested inside code-server (lib/vscode) have no allowScripts of their own.
    npm_config_dangerously_allow_all_scripts: 'true',
    // @vscode/ripgrep looks in os.tmpdir() for the archive it would otherwise fetch from GitHub.
    TMPDIR: tmp,
    // code-server writes its config and data under the home folder unless told otherwise.
    XDG_CONFIG_HOME: path.join(tmp, 'config'),
    XDG_DATA_HOME: path.join(tmp, 'data'),
    XDG_CACHE_HOME: path.join(tmp, 'cache'),
  };
  const logFile = path.join(CODE_SERVER_DIR, 'install.log');

  // 1. The package itself, without running its install script yet: first its ripgrep has to be
  //    made available locally.
  npm(['install', '--ignore-scripts', '--no-package-lock'], env, logFile);
  stageRipgrep(rg, env, logFile);
  // 2. Now the install scripts: argon2's, which tries a prebuilt binary from GitHub, logs an error
  //    when that fails and builds from source; and code-server's, an `npm install` in lib/vscode and
  //    lib/vscode/extensions that builds node-pty, spdlog, kerberos and friends with node-gyp.
  npm(['rebuild', '--foreground-scripts'], env, logFile);

  for (const file of ['lib/vscode/node_modules/@vscode/ripgrep/bin/rg', 'lib/vscode/node_modules/node-pty/build/Release/pty.node']) {
    if (!fs.existsSync(path.join(CODE_SERVER_PKG, file))) throw new Error(`code-server's install left out ${file}; see ${logFile}`);
  }
  const version = spawnSync(process.execPath, [CODE_SERVER_ENTRY, '--version'], { env, encoding: 'utf8' });
  if (version.status !== 0) throw new Error(`code-server does not start:\n${version.stdout}${version.stderr}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.writeFileSync(CODE_SERVER_STAMP, `code-server ${CODE_SERVER_VERSION}\n`);
  return { seconds: (Date.now() - started) / 1000, fresh: true };
}

/**
 * VS Code pins an @vscode/ripgrep whose install script downloads `rg` from GitHub unless it finds the
 * archive in its cache folder. Debian's rg, packed under the name it looks for, serves as well.
 */
function stageRipgrep(rg, env, logFile) {
  const shrinkwrap = JSON.parse(fs.readFileSync(path.join(CODE_SERVER_PKG, 'lib', 'vscode', 'npm-shrinkwrap.json'), 'utf8'));
  const version = shrinkwrap.packages?.['node_modules/@vscode/ripgrep']?.version;
  if (!version) throw new Error('cannot tell which @vscode/ripgrep code-server pins');
  const tmp = env.TMPDIR;
  const packed = npm(['pack', '--silent', `@vscode/ripgrep@${version}`, '--pack-destination', tmp], env, logFile).trim().split('\n').pop();
  const script = tarRead(path.join(tmp, packed), 'package/lib/postinstall.js');
  const release = /const VERSION = '(v[^']+)'/.exec(script)?.[1];
  if (!release) throw new Error(`cannot read the ripgrep release from @vscode/ripgrep@${version}`);
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch];
  if (!target) throw new Unavailable(`no ripgrep target for ${process.arch}`);
  const stage = path.join(tmp, 'rg-stage');
  fs.mkdirSync(stage, { recursive: true });
  fs.copyFileSync(rg, path.join(stage, 'rg'));
  const cache = path.join(tmp, `vscode-ripgrep-cache-${version}`);
  fs.mkdirSync(cache, { recursive: true });
  run('tar', ['-czf', path.join(cache, `ripgrep-${release}-${target}.tar.gz`), '-C', stage, 'rg']);
  log(`ripgrep ${release} for @vscode/ripgrep ${version}: Debian's ${rg}`);
}

function npm(args, env, logFile) {
  const r = spawnSync('npm', args, { cwd: CODE_SERVER_DIR, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  fs.appendFileSync(logFile, `$ npm ${args.join(' ')}\n${r.stdout}${r.stderr}\n`);
  if (r.status !== 0) {
    const tail = `${r.stdout}${r.stderr}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`npm ${args.join(' ')} failed (full log: ${logFile}):\n${tail}`);
  }
  return r.stdout;
}

function tarRead(archive, member) {
  return run('tar', ['-xzOf', archive, member]);
}

function run(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function which(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    fs.mkdirSync(PREFIX, { recursive: true });
    const { seconds, fresh } = setup();
    log(`${fresh ? 'installed' : 'already installed'}: code-server ${CODE_SERVER_VERSION} (${seconds.toFixed(1)} s)`);
  } catch (e) {
    log(e instanceof Unavailable ? `cannot run here: ${e.message}` : e.message);
    process.exit(1);
  }
}
