/**
 * `inbound mcp [folder] [--allow-edits]`: Inbound's tools for AI assistants over the Model Context
 * Protocol (stdio), answering about the folder (default: the current one). Read-only unless started
 * with --allow-edits.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../node/usage-error';
import { checkToday } from './check-command';
import type { CliIo } from './io';

export async function mcpCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'allow-edits': { type: 'boolean' }, today: { type: 'string' } },
  });
  // A client that cannot set the working folder (Claude Desktop) names the folder instead.
  if (positionals.length > 1) throw new UsageError(`inbound mcp answers about one folder, not ${positionals.length}: start one server per folder`);
  const folder = resolve(io.cwd, positionals[0] ?? '.');
  if (!isFolder(folder)) throw new UsageError(`no such folder: ${positionals[0]}`);
  const today = checkToday(values.today);
  const { createMcpServer } = await import('./mcp/server');
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const server = createMcpServer({ folder, today, allowEdits: values['allow-edits'] === true, version: io.version, log: io.stderr });
  const transport = new StdioServerTransport();
  // The client ends the session by closing stdin; the transport itself does not notice.
  const ended = new Promise<number>((resolve) => {
    const end = () => void server.close().finally(() => resolve(0));
    process.stdin.once('end', end);
    process.stdin.once('close', end);
  });
  await server.connect(transport);
  return ended;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
