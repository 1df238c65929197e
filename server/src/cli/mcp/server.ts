/**
 * `inbound mcp`: the tools of server/src/tools as a Model Context Protocol server. The SDK's
 * low-level `Server` is used rather than its `McpServer` helper so that clients are given the JSON
 * Schemas generated from the tools' own zod schemas and a bad call is answered with the tools' own
 * one sentence, not with the SDK's rendering of a zod error.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { ADD_EVIDENCE, inputJsonSchema, TOOLS, ToolError } from '../../tools';
import type { ToolAnswer } from '../../tools';
import { callTool } from './call';

export interface McpOptions {
  /** The folder the tools answer about, and the only one they read. */
  folder: string;
  today?: string;
  /** Offer the tool that writes (inbound_add_evidence); off by default. */
  allowEdits: boolean;
  version: string;
  /** One line for the server's log (stderr): a call that failed for a reason other than its input. */
  log(line: string): void;
}

const INSTRUCTIONS =
  'Inbound checks product requirements written as YAML (*.req.yaml) for market evidence: it warns when a requirement rests on one sales deal ' +
  'or on sales alone, and gates the roadmap on independent market evidence (interviews, support tickets, metrics, research). ' +
  "Answer questions about requirements, the roadmap's readiness, which customers drive it and what the findings mean with these tools, " +
  'and report their verdicts and numbers as given: they are the ones the editor, the readiness report and CI show.';

export function offeredTools(allowEdits: boolean): string[] {
  return TOOLS.filter((t) => allowEdits || t.name !== ADD_EVIDENCE).map((t) => t.name);
}

function listed(allowEdits: boolean): Tool[] {
  return TOOLS.filter((t) => offeredTools(allowEdits).includes(t.name)).map((t) => ({
    name: t.name,
    title: t.displayName,
    description: t.modelDescription,
    inputSchema: inputJsonSchema(t) as Tool['inputSchema'],
    annotations: {
      title: t.displayName,
      readOnlyHint: t.readOnly,
      // The write appends one evidence item and touches nothing else; calling it twice adds two.
      ...(t.readOnly ? {} : { destructiveHint: false, idempotentHint: false }),
      openWorldHint: false,
    },
  }));
}

/** An answer as MCP carries it: the summary, the facts as JSON text and as structured content. */
export function asResult(answer: ToolAnswer): CallToolResult {
  return {
    content: [
      { type: 'text', text: answer.summary },
      { type: 'text', text: JSON.stringify(answer.data) },
    ],
    structuredContent: answer.data,
  };
}

export function createMcpServer(options: McpOptions): Server {
  const server = new Server({ name: 'inbound', title: 'Inbound', version: options.version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed(options.allowEdits) }));
  server.setRequestHandler(CallToolRequestSchema, (request): CallToolResult => {
    const { name, arguments: args } = request.params;
    try {
      return asResult(callTool(name, args, options));
    } catch (e) {
      if (!(e instanceof ToolError)) options.log(`inbound mcp: ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      const sentence = e instanceof ToolError ? e.message : `Inbound could not answer: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}.`;
      return { content: [{ type: 'text', text: sentence }], isError: true };
    }
  });
  return server;
}
