/**
 * inbound_rules: the rule reference — the engine's rules (`ALL_RULES`: code, default severity,
 * summary), each rule's page from docs/rules (as SARIF carries it, `RULE_HELP`), and the severity
 * each project's config gives it.
 */
import { RULE_HELP } from '../../../docs/rules/help';
import { ALL_RULES } from '../engine';
import type { ToolAnswer } from './answer';
import type { RulesInput } from './definitions';
import type { ToolScope } from './scope';

export function rules(scope: ToolScope, input: RulesInput): ToolAnswer {
  const chosen = input.code === undefined ? ALL_RULES : ALL_RULES.filter((r) => r.code === input.code);
  const projects = scope.projects.length ? scope.projects : [];
  const rows = chosen.map((rule) => {
    const settings = projects.map((p) => ({ project: p.label, severity: p.workspace.policy.rules[rule.code] ?? rule.defaultSeverity }));
    const differ = new Set(settings.map((s) => s.severity)).size > 1;
    const help = RULE_HELP[rule.code];
    return {
      code: rule.code,
      defaultSeverity: rule.defaultSeverity,
      severity: settings[0]?.severity ?? rule.defaultSeverity,
      ...(differ ? { severityByProject: settings } : {}),
      summary: rule.summary,
      ...(input.code === undefined ? { help: help?.text } : { documentation: help?.markdown }),
    };
  });
  const lines =
    input.code === undefined
      ? [
          `${rows.length} rules; each finding names its code. Severity in this project (default in brackets when changed):`,
          ...rows.map((r) => `- ${r.code}: ${r.severity}${r.severity !== r.defaultSeverity ? ` (${r.defaultSeverity})` : ''} — ${r.summary}`),
        ]
      : rows.map((r) => `${r.code} (${r.severity}${r.severity !== r.defaultSeverity ? `; by default ${r.defaultSeverity}` : ''}): ${r.summary}\n\n${RULE_HELP[r.code]?.text ?? ''}`);
  return { summary: lines.join('\n'), data: { rules: rows } };
}
