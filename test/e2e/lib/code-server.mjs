// A real VS Code for one test run: code-server on 127.0.0.1 with user data, extensions and logs of
// its own in a fresh run folder, so no run sees what an earlier one left behind.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CODE_SERVER_ENTRY, RUNS } from './paths.mjs';

/** User settings that keep the workbench quiet, offline and out of the tests' way. */
const SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'npm.autoDetect': 'off',
  'chat.disableAIFeatures': true,
  // Files the tests write must reach the extension as they are, with no editor in between.
  'files.autoSave': 'off',
};

/** A new, empty run folder under .vscode-e2e/runs. */
export function newRunDir(name) {
  const dir = path.join(RUNS, `${new Date().toISOString().replace(/[:.]/g, '-')}-${name}-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Starts code-server. Options: runDir; vsix (installed first, as a user installs it); env (for
 * code-server and so for the extension host and the language server it starts); settings.
 * Resolves to { url, authority, runDir, extensionsDir, stop() }.
 */
export async function startCodeServer({ runDir, vsix = [], env = {}, settings = {} }) {
  const dir = (name) => {
    const p = path.join(runDir, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  const userData = dir('user-data');
  const extensionsDir = dir('extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...SETTINGS, ...settings }, null, 2));
  // With a config file of its own, code-server does not create one in the home folder.
  const config = path.join(runDir, 'code-server.yaml');
  fs.writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const fullEnv = {
    ...process.env,
    // Everything code-server would keep under the home folder stays in the run folder.
    XDG_CONFIG_HOME: dir('xdg/config'),
    XDG_DATA_HOME: dir('xdg/data'),
    XDG_CACHE_HOME: dir('xdg/cache'),
    // No extension gallery: code-server's default is open-vsx.org.
    EXTENSIONS_GALLERY: '{}',
    ...env,
  };
  delete fullEnv.PASSWORD;
  delete fullEnv.HASHED_PASSWORD;
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensionsDir];

  for (const file of vsix) {
    const r = spawnSync(process.execPath, [CODE_SERVER_ENTRY, ...common, '--install-extension', file, '--force'], { env: fullEnv, encoding: 'utf8' });
    const out = `${r.stdout}${r.stderr}`;
    fs.appendFileSync(path.join(runDir, 'install-extension.log'), out);
    if (r.status !== 0 || !/successfully installed/i.test(out)) throw new Error(`code-server could not install ${file}:\n${out}`);
  }

  const args = [
    CODE_SERVER_ENTRY,
    ...common,
    '--bind-addr', '127.0.0.1:0',
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--disable-proxy',
  ];
  const logFile = path.join(runDir, 'code-server.log');
  const log = fs.createWriteStream(logFile);
  // Its own process group: stop() ends code-server with the VS Code server, extension host and
  // language server it started, and nothing else on the machine.
  const child = spawn(process.execPath, args, { env: fullEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`code-server did not start within 60 s; see ${logFile}`)), 60_000);
    const onData = (chunk) => {
      log.write(chunk);
      if (seen.length < 1 << 16) seen += chunk;
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen);
      if (m) done(m[1]);
    };
    const onExit = (code) => fail(new Error(`code-server exited with ${code} before it listened:\n${seen}`));
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onExit);
    function done(value) {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout.off('data', onData).on('data', (c) => log.write(c));
      child.stderr.off('data', onData).on('data', (c) => log.write(c));
      resolve(value);
    }
    function fail(error) {
      clearTimeout(timer);
      child.off('exit', onExit);
      void stopGroup(child).then(() => reject(error));
    }
  });

  // If this process dies without stop() (an exception, Ctrl+C), code-server's group goes with it.
  const emergency = () => killGroup(child, 'SIGKILL');
  process.once('exit', emergency);
  let stopped;
  return {
    url,
    authority: new URL(url).host,
    runDir,
    extensionsDir,
    /** The folder an installed extension was unpacked into. */
    installedExtension(id) {
      const name = fs.readdirSync(extensionsDir).find((n) => n.toLowerCase().startsWith(`${id.toLowerCase()}-`));
      if (!name) throw new Error(`${id} is not installed in ${extensionsDir}`);
      return path.join(extensionsDir, name);
    },
    stop() {
      stopped ??= stopGroup(child).then(() => {
        process.off('exit', emergency);
        log.end();
      });
      return stopped;
    },
  };
}

/** SIGTERM to the group, SIGKILL to what is left after five seconds. */
async function stopGroup(child) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  // Children that outlived code-server itself (an extension host shutting down).
  killGroup(child, 'SIGKILL');
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** The vscode-remote:// URI under which the workbench in the browser sees a path on this machine. */
export function remoteUri(server, fsPath) {
  return `vscode-remote://${server.authority}${path.resolve(fsPath).split('/').map(encodeURIComponent).join('/')}`;
}
