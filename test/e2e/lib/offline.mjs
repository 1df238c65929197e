// Runs a command in a network namespace of its own whose only interface is loopback, when the
// machine allows one (root or CAP_SYS_ADMIN, and `ip`). Then nothing the tests start (code-server,
// the extension host, the language server, chromium) can reach the network at all, which shows that
// the tests need none. Elsewhere the command runs as it is: the browser still reports any request
// off this machine, and code-server listens on 127.0.0.1 only. INBOUND_E2E_NETNS=off turns it off.
import { spawnSync } from 'node:child_process';

let available;

/** Whether commands can be isolated here. */
export function canIsolate() {
  if (process.env.INBOUND_E2E_NETNS === 'off') return false;
  available ??= spawnSync('unshare', ['-n', 'true']).status === 0 && spawnSync('ip', ['-V']).status === 0;
  return available;
}

/** [command, args] that run the given command isolated when possible. */
export function loopbackOnly(command, args) {
  if (!canIsolate()) return [command, args];
  // unshare starts sh in the new namespace; sh brings loopback up and becomes the command.
  return ['unshare', ['-n', '--', 'sh', '-c', 'ip link set lo up && exec "$@"', 'loopback-only', command, ...args]];
}
