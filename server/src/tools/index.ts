/**
 * Inbound for AI assistants: pure functions over the projects of a folder (`ToolScope`) that answer
 * what a product manager asks an assistant, from the same report model, findings and fixes the
 * editor and the CLI show. The language server (lsp/tools.ts, for VS Code's language-model tools)
 * and `inbound mcp` (cli/mcp/) call these and nothing else.
 */
import { accounts } from './accounts';
import { addedEvidence, planAddEvidence } from './add-evidence';
import type { EvidencePlan } from './add-evidence';
import type { ToolAnswer } from './answer';
import type { AccountsInput, AddEvidenceInput, FindingsInput, ReadinessInput, RequirementInput, RulesInput } from './definitions';
import { toolNamed, TOOLS } from './definitions';
import { parseInput, ToolError } from './errors';
import { findings } from './findings';
import { readiness } from './readiness';
import { requirement } from './requirement';
import { rules } from './rules';
import type { ToolScope } from './scope';

export type { ToolAnswer } from './answer';
export type { EvidencePlan } from './add-evidence';
export type { ToolDefinition } from './definitions';
export type { ScopeProject, ToolScope } from './scope';
export { addedEvidence, planAddEvidence, yamlScalar } from './add-evidence';
export { inputJsonSchema, TOOLS, toolNamed } from './definitions';
export { ToolError } from './errors';

/** The tool that edits a file: the hosts ask before it writes (VS Code) or offer it only when allowed (MCP). */
export const ADD_EVIDENCE = 'inbound_add_evidence';

/** The name of a tool, or a ToolError listing the tools there are. */
function definition(name: string, offered: readonly string[]) {
  const tool = toolNamed(name);
  if (!tool || !offered.includes(name)) throw new ToolError(`There is no tool ${name}; the tools are ${offered.join(', ')}.`);
  return tool;
}

/**
 * Answers a read-only tool's call; a ToolError (one sentence) when the input or the question has
 * no answer. `offered`: the tools the host offers (the MCP server without --allow-edits offers no
 * write tool).
 */
export function answerTool(name: string, rawInput: unknown, scope: ToolScope, offered: readonly string[] = TOOLS.map((t) => t.name)): ToolAnswer {
  const tool = definition(name, offered);
  const input = parseInput(tool.input, rawInput);
  switch (name) {
    case 'inbound_readiness':
      return readiness(scope, input as ReadinessInput);
    case 'inbound_requirement':
      return requirement(scope, input as RequirementInput);
    case 'inbound_accounts':
      return accounts(scope, input as AccountsInput);
    case 'inbound_findings':
      return findings(scope, input as FindingsInput);
    case 'inbound_rules':
      return rules(scope, input as RulesInput);
    default:
      throw new ToolError(`${name} changes a file: it is planned with planTool and applied by the host.`);
  }
}

/** The edit a write tool would make, for the host to confirm and apply (or a ToolError). */
export function planTool(name: string, rawInput: unknown, scope: ToolScope): EvidencePlan {
  const tool = definition(name, [ADD_EVIDENCE]);
  return planAddEvidence(scope, parseInput(tool.input, rawInput) as AddEvidenceInput);
}

/** After the host applied a plan: what the requirement is now, read from the scope as it now is. */
export function afterEdit(plan: Pick<EvidencePlan, 'id' | 'fileName' | 'item' | 'before'>, scope: ToolScope): ToolAnswer {
  return addedEvidence(scope, plan);
}
