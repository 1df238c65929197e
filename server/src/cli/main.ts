/**
 * The `inbound` command line. Every failure the user can cause (a bad option, a missing path, an
 * unreadable file) is one line on stderr and exit code 2, never a stack trace.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../node/usage-error';
import { CACHE_ARGS } from './cache-option';
import { runCheck } from './check-command';
import type { CliIo } from './io';

export const USAGE = `Usage:
  inbound check [paths…] [--format stylish|json|sarif|github] [--config F] [--today YYYY-MM-DD] [--max-warnings N] [--allow-empty] [--cache] [--cache-location F]
  inbound report [paths…] [--format md|html|csv|json] [--out F] [--config F] [--today YYYY-MM-DD] [--cache] [--cache-location F]
  inbound diff [--base REF] [paths…] [--format md|json|html] [--out F] [--today YYYY-MM-DD] [--fail-on blocked|at-risk|never]
  inbound init [folder]                     (sets a repository up: config, a first requirement file, CI)
  inbound lsp --stdio
  inbound mcp [folder] [--allow-edits]      (tools for AI assistants: an MCP server over stdio)
  inbound help [command]                    (or: inbound <command> --help)

Checks requirement files (*.req.yaml) for evidence: single sales deals, sales-only demand, the roadmap gate.
Exit codes: 0 no errors, 1 problems found, 2 usage, config or I/O failure.`;

const PATHS = `Paths are files or folders (default: the current folder). Each inbound.config.yaml makes its folder
a project; a file is judged by the nearest config above it, against every file of its project, so a
single file gets exactly the findings that checking its whole folder gives it. Naming a config stands
for everything it governs.`;

/** What `inbound help <command>` and `inbound <command> --help` print. */
export const COMMAND_HELP: Record<string, string> = {
  check: `Usage: inbound check [paths…] [options]

Checks requirement files and prints their findings; only the files named (or under the folders
named) are printed.

${PATHS}

Options:
  -f, --format F       stylish (default, for people), json, sarif (code scanning), github (pull-request annotations)
  -c, --config F       use this config for every path; the configs in the folders are not read
  --today YYYY-MM-DD   the date the evidence rules count from (default: today)
  --max-warnings N     fail (exit 1) with more than N warnings
  --allow-empty        paths that find no requirement file are not a failure
  --cache              keep each file's analysis in .inboundcache and reuse it while the file, the config
                       and Inbound are unchanged: re-runs are faster, the output is the same
  --cache-location F   the cache file, or a folder for .inboundcache (implies --cache)
  -h, --help           this help

Exit codes: 0 no errors (and warnings within --max-warnings), 1 problems, 2 a usage, config or I/O
failure, or a path with no requirement file in it (unless --allow-empty).`,
  report: `Usage: inbound report [paths…] [options]

Roadmap readiness, account concentration and evidence mix of the requirements in the paths, judged
against their whole project. One report has one policy: the paths must lie in one project.

${PATHS}

Options:
  -f, --format F       md (default), html, csv, json; with --out, the file's extension decides
  -o, --out F          write the report to F (replaced whole, never half-written)
  -c, --config F       use this config for every path; the configs in the folders are not read
  --today YYYY-MM-DD   the date the evidence rules count from (default: today)
  --cache              keep each file's analysis in .inboundcache and reuse it while the file, the config
                       and Inbound are unchanged: re-runs are faster, the output is the same
  --cache-location F   the cache file, or a folder for .inboundcache (implies --cache)
  -h, --help           this help

Exit codes: 0 written, 2 a usage, config or I/O failure, or paths in more than one project.`,
  init: `Usage: inbound init [folder] [options]

Sets a repository up for Inbound, in the folder given (default: the current folder):
  inbound.config.yaml             the settings, each explained, with their defaults
  requirements/example.req.yaml   a first requirement file that shows the format
  .github/workflows/inbound.yml   a GitHub Actions workflow that checks every push and pull
                                  request (at the root of the git repository, if there is one)
A file that is already there is never overwritten: it is left alone and named, so running init
again changes nothing. The example is left out when the folder already has requirement files.

Options:
  --today YYYY-MM-DD   the date the example's evidence carries (default: today)
  -h, --help           this help

Exit codes: 0 done (also when everything was already there), 2 a usage or I/O failure.`,
  diff: `Usage: inbound diff [--base REF] [paths…] [options]

What this change does to the roadmap: the requirements in the paths at a git revision (the base)
compared with the working tree (head), each side judged with its own inbound.config.yaml. Requirements
that enter or leave the roadmap and their verdicts, verdict changes, evidence added and removed, new
single-deal and sales-only warnings, waivers, requirements added, removed, renamed or moved, accounts
that now drive more of the roadmap, and config changes that turn verdicts.

Paths are files or folders (default: the current folder), as for inbound check.

Options:
  --base REF           the revision to compare with (default: the merge base of HEAD with the default
                       branch: origin/HEAD, else main, else master)
  -f, --format F       md (default: for a pull-request comment or job summary), json (the model), html
  -o, --out F          write to F (replaced whole, never half-written); the extension picks the format
  --today YYYY-MM-DD   the date both sides are judged on (default: today)
  --fail-on LEVEL      blocked (default): exit 1 when the change puts a requirement on the roadmap that
                       the gate blocks, or newly blocks one already there; at-risk: also at risk or
                       without evidence; never: always exit 0 once written
  -h, --help           this help

In a shallow clone the base may be missing: git fetch --unshallow, or git fetch origin main --depth=50.

Exit codes: 0 written, 1 the change fails --fail-on, 2 a usage, git or I/O failure (one line on stderr).`,
  lsp: `Usage: inbound lsp --stdio

Runs the language server (the one the VS Code extension uses) for any editor, speaking the Language
Server Protocol over stdin and stdout.

Options:
  --stdio              talk over stdin and stdout (required)
  -h, --help           this help`,
  mcp: `Usage: inbound mcp [folder] [--allow-edits] [--today YYYY-MM-DD]

A Model Context Protocol server over stdin and stdout: the tools an AI assistant (Claude, Copilot,
Cursor…) calls to answer from Inbound's own verdicts and findings about the requirements of the
folder (default: the current one), its projects and globs as inbound check reads them. Nothing
outside the folder is read: a config above it is not followed.

Tools: inbound_readiness, inbound_requirement, inbound_accounts, inbound_findings, inbound_rules,
and with --allow-edits inbound_add_evidence, which appends one evidence item to a requirement with
the same edit as the Add market evidence quick fix.

Options:
  --allow-edits        offer the tool that writes (read-only without it)
  --today YYYY-MM-DD   the date the evidence rules count from (default: today)
  -h, --help           this help

An MCP client starts it: { "command": "npx", "args": ["inbound", "mcp", "/path/to/the/repository"] }.`,
};

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
      'allow-empty': { type: 'boolean' },
      ...CACHE_ARGS,
    },
  });
  return runCheck(
    {
      paths: positionals,
      format: values.format!,
      config: values.config,
      today: values.today,
      maxWarnings: values['max-warnings'],
      allowEmpty: values['allow-empty'],
      cache: values.cache,
      cacheLocation: values['cache-location'],
    },
    io,
  );
});

// Loaded when used: `inbound check` in CI should not pay for the HTML renderer or the language server.
COMMANDS.set('report', async (args, io) => (await import('./report-command')).reportCommand(args, io));
COMMANDS.set('lsp', async (args, io) => (await import('./lsp-command')).lspCommand(args, io));
COMMANDS.set('diff', async (args, io) => (await import('./diff-command')).diffCommand(args, io));
COMMANDS.set('mcp', async (args, io) => (await import('./mcp-command')).mcpCommand(args, io));
COMMANDS.set('init', async (args, io) => (await import('./init-command')).initCommand(args, io));

/** `--help` before `--`, wherever it stands: after it, "--help" would be a file's name. */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) {
    io.stdout(USAGE + '\n');
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    if (topic !== undefined && !COMMAND_HELP[topic]) {
      io.stderr(`inbound: no help for '${topic}': the commands are ${Object.keys(COMMAND_HELP).join(', ')}.`);
      return 2;
    }
    io.stdout((topic ? COMMAND_HELP[topic] : USAGE) + '\n');
    return 0;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(io.version + '\n');
    return 0;
  }
  if (COMMAND_HELP[command] && asksForHelp(rest)) {
    io.stdout(COMMAND_HELP[command] + '\n');
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
