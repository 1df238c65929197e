/**
 * The tools Inbound gives AI assistants, declared once: their names, what a person and a model read
 * about them, and their input as a zod schema. VS Code (`contributes.languageModelTools`, written by
 * scripts/lm-tools.ts) and the MCP server (`inbound mcp`) publish the JSON Schema generated from the
 * same schema (`inputJsonSchema`), and every call is read with it.
 */
import * as z from 'zod';
import { RULE_CODES } from '../../../schemas/config';
import { EVIDENCE_KIND_NAMES, EVIDENCE_KINDS, evidenceItemSchemas, evidenceKeys } from '../../../schemas/evidence';
import type { EvidenceKind } from '../../../schemas/evidence';
import { STATUSES } from '../../../schemas/primitives';
import { VERDICTS } from '../engine/report/types';

/** One value of a list, or several: a model writes `"at-risk"` as often as `["at-risk"]`. */
function oneOrMore<T extends readonly [string, ...string[]]>(values: T) {
  return z.union([z.enum(values), z.array(z.enum(values)).min(1)]);
}

const limit = (n: number, what: string) =>
  z.number().int().min(1).max(1000).optional().describe(`At most this many ${what} in the answer (default ${n}); the answer says how many more there are.`);

const fileInput = z
  .string()
  .trim()
  .min(1)
  .optional()
  .describe('A requirement file as the tools name it: relative to the folder, forward slashes (e.g. "checkout.req.yaml").');

export const readinessInput = z.strictObject({
  verdict: oneOrMore(VERDICTS)
    .optional()
    .describe(
      'Only requirements with this verdict, or one of these: blocked (on the roadmap without the market evidence the policy asks for, no approved waiver), at-risk (rests on one account\'s sales conversations, or on sales alone), no-evidence, waived, gathering, ready, closed.',
    ),
  status: oneOrMore(STATUSES).optional().describe('Only requirements with this status, or one of these.'),
  onRoadmap: z.boolean().optional().describe("true: only requirements with one of the policy's roadmap statuses (roadmap, in-progress by default); false: only the others."),
  area: z.string().trim().min(1).optional().describe('Only requirements of this product area (case ignored).'),
  owner: z.string().trim().min(1).optional().describe('Only requirements whose owner contains this text (case ignored), e.g. "dana".'),
  account: z.string().trim().min(1).optional().describe('Only requirements whose complete evidence names this account (compared as Inbound compares accounts: case and extra spaces ignored).'),
  finding: z
    .enum(RULE_CODES)
    .optional()
    .describe('Only requirements showing a finding of this code, e.g. single-deal (all its sales evidence from one account, nothing independent from the market) or roadmap-gate.'),
  limit: limit(100, 'requirements'),
});

export const requirementInput = z.strictObject({
  id: z.string().trim().min(1).describe('The requirement\'s id, e.g. "CHK-102".'),
  file: fileInput.describe('Only needed when the id is used in more than one file or project: the file the requirement is in.'),
});

export const accountsInput = z.strictObject({
  account: z.string().trim().min(1).optional().describe('Only this account (case and extra spaces ignored), e.g. "Acme GmbH".'),
  limit: limit(50, 'accounts'),
});

export const findingsInput = z.strictObject({
  file: fileInput.describe('Only this requirement file (or inbound.config.yaml); default: every file.'),
  code: z.enum(RULE_CODES).optional().describe('Only findings of this rule code.'),
  severity: z.enum(['error', 'warning', 'information', 'hint']).optional().describe('Only findings of this severity.'),
  limit: limit(200, 'findings'),
});

export const rulesInput = z.strictObject({
  code: z.enum(RULE_CODES).optional().describe('One rule, with its whole documentation page; default: every rule, each with its summary.'),
});

/** What a person writes about each field of an evidence item, beside what the schema says of its type. */
const FIELD_HINTS: Record<string, string> = {
  account: 'the customer or prospect, spelt as elsewhere in the requirements',
  deal: "the deal's id in the CRM, e.g. OPP-2291",
  amount: "the deal's value, a number",
  currency: 'e.g. EUR',
  stage: 'open, won or lost',
  person: 'who was interviewed (a role or a name)',
  count: 'how many tickets',
  query: 'the search that finds the tickets',
  metric: "the metric's name",
  value: "the metric's value",
  baseline: 'the value it is compared with',
  respondents: 'how many answered',
  segment: 'which segment was surveyed',
  source: 'where it comes from (a study, an analyst note, a forum thread)',
  competitor: "the competitor's name",
  outcome: 'won or lost',
  participants: 'how many took part',
  note: 'what was said or found, in a sentence',
  link: 'an http(s) URL to the source',
};

/** `account: needed for sales-deal, rfp, interview, win-loss; may be given for every other kind.` */
function fieldDescription(key: string): string {
  const needed: string[] = [];
  const optional: string[] = [];
  for (const kind of EVIDENCE_KIND_NAMES) {
    const field = evidenceKeys(kind).find((k) => k.key === key);
    if (field) (field.required ? needed : optional).push(kind);
  }
  const hint = FIELD_HINTS[key] ? `${capital(FIELD_HINTS[key])}. ` : '';
  if (optional.length === EVIDENCE_KIND_NAMES.length) return `${hint}Optional for every kind.`;
  const parts = [needed.length ? `needed for ${needed.join(', ')}` : '', optional.length ? `optional for ${optional.join(', ')}` : ''].filter(Boolean);
  return `${hint}${capital(parts.join('; '))}.`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function unwrapped(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s.def.type === 'optional') s = (s as z.ZodOptional).def.innerType as z.ZodType;
  return s;
}

/** `interview: account (person)`: what each kind needs, and in brackets what it may have. */
export function kindRequirements(): string {
  return EVIDENCE_KIND_NAMES.map((kind) => {
    const own = evidenceKeys(kind).filter((k) => !['kind', 'date', 'note', 'link'].includes(k.key) && !(k.key === 'account' && !k.required));
    const needed = own.filter((k) => k.required).map((k) => k.key);
    const optional = own.filter((k) => !k.required).map((k) => k.key);
    return `${kind}: ${needed.join(', ') || 'nothing more'}${optional.length ? ` (optional: ${optional.join(', ')})` : ''}`;
  }).join('; ');
}

/**
 * One evidence item as an assistant gives it: every field any kind has, each optional here. The
 * item is then read with its kind's own schema from the file format (`evidenceItemSchemas`), which
 * says what that kind needs and takes, and `date` defaults to today.
 */
function evidenceFields() {
  const fields: Record<string, z.ZodType> = {
    kind: z.enum(EVIDENCE_KIND_NAMES as [EvidenceKind, ...EvidenceKind[]]).describe(
      `What the evidence is. Sales evidence (one prospect's voice in a sale): sales-deal, rfp. Market evidence (the market as a whole, or customers outside a deal): ${EVIDENCE_KIND_NAMES.filter((k) => EVIDENCE_KINDS[k].class === 'market').join(', ')}.`,
    ),
    date: z.string().optional().describe('The day it happened, YYYY-MM-DD; default today. Evidence is what already happened: not a day in the future.'),
  };
  for (const kind of EVIDENCE_KIND_NAMES) {
    for (const [key, schema] of Object.entries(evidenceItemSchemas[kind].shape as Record<string, z.ZodType>)) {
      if (key in fields) continue;
      fields[key] = unwrapped(schema).optional().describe(fieldDescription(key));
    }
  }
  return fields;
}

export const evidenceInput = z.strictObject(evidenceFields()).describe(`The evidence item. What each kind needs: ${kindRequirements()}.`);

export const addEvidenceInput = z.strictObject({
  id: z.string().trim().min(1).describe('The id of the requirement the evidence is for, e.g. "CHK-102".'),
  file: fileInput.describe('Only needed when the id is used in more than one file or project: the file the requirement is in.'),
  evidence: evidenceInput,
});

export type ReadinessInput = z.infer<typeof readinessInput>;
export type RequirementInput = z.infer<typeof requirementInput>;
export type AccountsInput = z.infer<typeof accountsInput>;
export type FindingsInput = z.infer<typeof findingsInput>;
export type RulesInput = z.infer<typeof rulesInput>;
export type AddEvidenceInput = z.infer<typeof addEvidenceInput>;

export interface ToolDefinition {
  /** The tool's name for models and MCP clients: `inbound_…`. */
  name: string;
  /** VS Code's `displayName`, MCP's `title`. */
  displayName: string;
  /** What a person types after `#` in VS Code's chat to attach the tool. */
  toolReferenceName: string;
  /** For people, in VS Code's tool picker. */
  userDescription: string;
  /** For the model: what it answers and when to call it. */
  modelDescription: string;
  input: z.ZodObject;
  /** False only for the one tool that edits a file. */
  readOnly: boolean;
}

export const TOOLS: readonly ToolDefinition[] = [
  {
    name: 'inbound_readiness',
    displayName: 'Inbound: Roadmap Readiness',
    toolReferenceName: 'inboundReadiness',
    userDescription: "Every requirement's verdict (ready, blocked by the roadmap gate, at risk, waived…), evidence mix and findings, filtered by verdict, status, area, owner or account.",
    modelDescription:
      "Lists the product requirements (*.req.yaml files) of this project with the verdict Inbound gives each one — the same verdicts the editor, the readiness report and CI show — and the roadmap headline (how many roadmap items are ready, waived, blocked, at risk). " +
      "Call it for questions like 'which roadmap items rest on one customer?' (finding single-deal, onRoadmap true), 'what does the roadmap gate block?' (verdict blocked), 'what is ready to promote?', 'what does Dana own?'. " +
      "Verdicts: blocked (on the roadmap without the independent market evidence the policy asks for, and no approved waiver), at-risk (rests on one account's sales conversations, or on sales alone), no-evidence, waived (an approved exception), gathering (not yet enough market evidence, nothing to warn about), ready, closed (shipped or rejected). " +
      "Each row has the id, title, status, area, owner, file and line (0-based), the evidence counts (sales, deals, rfps; market = independent market evidence; sameAccount = market items from the deal's own account, which do not count), the accounts and the findings. Report the verdicts as given; do not judge the evidence yourself.",
    input: readinessInput,
    readOnly: true,
  },
  {
    name: 'inbound_requirement',
    displayName: 'Inbound: Requirement',
    toolReferenceName: 'inboundRequirement',
    userDescription: 'One requirement by id: its verdict and why, its evidence item by item, its waiver and its findings.',
    modelDescription:
      "One requirement by its id (e.g. CHK-102): its verdict and the findings behind it (with Inbound's messages, which name the account, the deal and what to do next), status, owner, problem, dependencies, its waiver, and every evidence item as written — kind, account, deal, amount, date, note… — with whether it is complete (a placeholder with a blank counts for nothing) and, for market evidence, whether it is independent (market evidence from an account whose sales evidence the requirement already lists is the same voice and does not count). " +
      "Call it for 'what evidence do we have for CHK-102?', 'why is CHK-102 blocked?', and before adding evidence. A wrong id gets an answer naming the closest one.",
    input: requirementInput,
    readOnly: true,
  },
  {
    name: 'inbound_accounts',
    displayName: 'Inbound: Account Concentration',
    toolReferenceName: 'inboundAccounts',
    userDescription: 'The squeaky wheel: which accounts drive the open requirements through their sales conversations, and how many of those have no market evidence.',
    modelDescription:
      'Account concentration, the squeaky wheel: accounts ranked by how many open requirements their sales evidence (deals and RFPs) drives, how many of those have no market evidence at all, how many are on the roadmap, which requirements they are, their distinct deals and deal amounts summed per currency (never converted). ' +
      "Call it for 'which customers drive our roadmap?', 'what is Acme pushing for?' (account), or to find how an account is spelt in the requirements before adding evidence for it.",
    input: accountsInput,
    readOnly: true,
  },
  {
    name: 'inbound_findings',
    displayName: 'Inbound: Findings',
    toolReferenceName: 'inboundFindings',
    userDescription: 'The problems Inbound finds in the requirement files, exactly as the Problems panel and inbound check show them.',
    modelDescription:
      "Inbound's findings in the requirement files and inbound.config.yaml — exactly what the editor's Problems panel and `inbound check` show: per file, each finding's rule code, severity, message (written for a product manager: it names the account, the deal or the days, and what to do next), range (0-based lines and UTF-16 columns) and requirement id. " +
      "For one file, one rule code or one severity, or the whole project. Call it for 'what is wrong in checkout.req.yaml?' or 'any errors before I open the pull request?'. inbound_rules explains a code.",
    input: findingsInput,
    readOnly: true,
  },
  {
    name: 'inbound_rules',
    displayName: 'Inbound: Rule Reference',
    toolReferenceName: 'inboundRules',
    userDescription: 'What each finding code means, why it matters, how to fix or silence it, and its severity in this project.',
    modelDescription:
      "The rules behind Inbound's findings: every code with its default severity, its severity in this project's inbound.config.yaml, a one-line summary and its help; for one code, its whole documentation page (what it means, why it matters, an example, how to fix it, how to silence or configure it). " +
      "Call it to explain a finding such as single-deal, sales-only or roadmap-gate, or what counts as market evidence, in Inbound's own words.",
    input: rulesInput,
    readOnly: true,
  },
  {
    name: 'inbound_add_evidence',
    displayName: 'Inbound: Add Evidence',
    toolReferenceName: 'inboundAddEvidence',
    userDescription: "Adds one evidence item (an interview, support tickets, a metric, a deal…) to a requirement's file, with the same small edit as the Add market evidence quick fix.",
    modelDescription:
      "Adds one evidence item to a requirement's evidence list in its *.req.yaml file, with the same minimal edit as Inbound's 'Add market evidence' quick fix: one item appended, laid out like its neighbours, nothing else in the file changed. The user confirms the edit first. " +
      "Call it when the user tells you about evidence to record, e.g. 'add the interview I just had with Globex to CHK-102'. " +
      `What each kind needs: ${kindRequirements()}. date is YYYY-MM-DD and defaults to today. ` +
      "Do not invent facts: ask the user for a missing account, person or number. The answer says how the requirement's verdict changed. Market evidence from an account whose deal or RFP the requirement already lists is the same voice: it is recorded, but does not count as market evidence.",
    input: addEvidenceInput,
    readOnly: false,
  },
];

export function toolNamed(name: string): ToolDefinition | undefined {
  return TOOLS.find((t) => t.name === name);
}

/** The tool's input as JSON Schema (draft-07), generated from its zod schema: what VS Code and MCP clients are given. */
export function inputJsonSchema(tool: ToolDefinition): Record<string, unknown> {
  const { $schema: _, ...schema } = z.toJSONSchema(tool.input, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  return schema;
}
