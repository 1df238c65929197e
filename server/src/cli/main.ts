/**
 * The `inbound` command line. Every failure the user can cause (a bad option, a missing path, an
 * unreadable file) is one line on stderr and exit code 2, never a stack trace.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../node/discover';
import { runCheck } from './check-command';
import type { CliIo } from './io';

export const USAGE = `Usage:
  inbound check [paths…] [--format stylish|json|sarif|github] [--config F] [--today YYYY-MM-DD] [--max-warnings N]
  inbound report [paths…] [--format md|html|csv|json] [--out F] [--config F] [--today YYYY-MM-DD]
  inbound lsp --stdio

Checks requirement files (*.req.yaml) for evidence: single sales deals, sales-only demand, the roadmap gate.
Exit codes: 0 no errors, 1 problems found, 2 usage, config or I/O failure.`;

export type Command = (args: string[], io: CliIo) => number | Promise<number>;

/** Commands beyond `check` register here (report, lsp), so this file stays the one entry. */
export const COMMANDS = new Map<string, Command>();

COMMANDS.set('check', (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'stylish' },
      config: { type: 'string', short: 'c' },
      today: { type: 'string' },
      'max-warnings': { type: 'string' },
    },
  });
  return runCheck(
    { paths: positionals, format: values.format!, config: values.config, today: values.today, maxWarnings: values['max-warnings'] },
    io,
  );
});

// Loaded when used: `inbound check` in CI should not pay for the HTML renderer or the language server.
COMMANDS.set('report', async (args, io) => (await import('./report-command')).reportCommand(args, io));
COMMANDS.set('lsp', async (args, io) => (await import('./lsp-command')).lspCommand(args, io));

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE + '\n');
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(io.version + '\n');
    return 0;
  }
  const run = COMMANDS.get(command);
  if (!run) {
    io.stderr(`inbound: unknown command '${command}'. Run 'inbound --help'.`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith?.('ERR_PARSE_ARGS')) {
      io.stderr(`inbound: ${(e as Error).message.split('\n')[0]}`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code)) {
      io.stderr(`inbound: ${err.message.split('\n')[0]}`);
      return 2;
    }
    throw e;
  }
}
