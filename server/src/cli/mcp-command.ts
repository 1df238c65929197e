/**
 * `inbound mcp [--allow-edits]`: Inbound's tools for AI assistants over the Model Context Protocol
 * (stdio), answering about the current folder. Read-only unless started with --allow-edits.
 */
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
  if (positionals.length) {
    throw new UsageError(`inbound mcp answers about the current folder and takes no paths; start it in the folder instead (cd ${positionals[0]})`);
  }
  const today = checkToday(values.today);
  const { createMcpServer } = await import('./mcp/server');
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const server = createMcpServer({ folder: io.cwd, today, allowEdits: values['allow-edits'] === true, version: io.version, log: io.stderr });
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
