/**
 * `inbound.config.yaml` → the workspace policy, and findings on the config file itself.
 * A broken setting falls back to its default; the others still apply.
 */
import { isMap } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { CONFIG_KEYS, configKeySchemas, DEFAULT_POLICY, RULE_CODES, SEVERITY_SETTINGS } from '../../../schemas/config';
import type { ConfigKey, Policy, RuleCode, SeveritySetting } from '../../../schemas/config';
import { closest } from './did-you-mean';
import { firstLine, valueSpan } from './model';
import type { Finding } from './types';
import { parseYaml, spanOf } from './yaml-document';
import { AliasBudget, keyText, nodeAtPath, toValue } from './yaml-values';

export const CONFIG_FILE_NAME = 'inbound.config.yaml';

export interface LoadedPolicy {
  policy: Policy;
  findings: Finding[];
}

export function readPolicy(text: string): LoadedPolicy {
  const parsed = parseYaml(text);
  const findings: Finding[] = [...parsed.findings];
  const policy: Policy = { ...DEFAULT_POLICY, rules: {} };
  const root = parsed.doc?.contents as YamlNode | null | undefined;
  if (!root || (parsed.doc && parsed.doc.errors.length > 0)) return { policy, findings };
  if (!isMap(root)) {
    findings.push({
      code: 'schema',
      message: `The configuration is a block of keys: ${CONFIG_KEYS.join(', ')}.`,
      span: firstLine(text, spanOf(root) ?? { start: 0, end: 0 }),
    });
    return { policy, findings };
  }
  const budget = new AliasBudget(parsed.anchors, 1000 + text.length);
  for (const pair of root.items as Pair<YamlNode, YamlNode>[]) {
    const key = keyText(pair) ?? '';
    const keySpan = spanOf(pair.key as YamlNode) ?? { start: 0, end: 0 };
    if (!(CONFIG_KEYS as string[]).includes(key)) {
      const suggestion = closest(key, CONFIG_KEYS);
      findings.push({
        code: 'schema',
        message: `Unknown setting '${key}'.${suggestion ? ` Did you mean '${suggestion}'?` : ` Settings: ${CONFIG_KEYS.join(', ')}.`}`,
        span: keySpan,
        data: suggestion ? { replacement: suggestion } : undefined,
      });
      continue;
    }
    const k = key as ConfigKey;
    if (k === 'rules') {
      readRules(pair, budget, policy, findings);
      continue;
    }
    const value = toValue(pair.value, budget);
    const result = configKeySchemas[k].safeParse(value, { reportInput: true });
    if (!result.success) {
      for (const issue of result.error.issues) {
        const place = nodeAtPath(pair.value as YamlNode, issue.path as PropertyKey[], budget);
        const span = spanOf(place.node)?.end !== spanOf(place.node)?.start ? spanOf(place.node)! : valueSpan(pair);
        findings.push({ code: 'schema', message: configMessage(k, issue, value), span, data: configData(k, issue) });
      }
      continue;
    }
    apply(policy, k, result.data);
  }
  return { policy, findings };
}

/** Each rule's severity on its own: one misspelt rule does not undo the others. */
function readRules(pair: Pair<YamlNode, YamlNode>, budget: AliasBudget, policy: Policy, findings: Finding[]): void {
  const map = budget.resolve(pair.value as YamlNode);
  if (!map || !isMap(map)) {
    findings.push({
      code: 'schema',
      message: `'rules' is a block of rule codes with a severity each, e.g. stale-evidence: warning.`,
      span: valueSpan(pair),
    });
    return;
  }
  for (const entry of map.items as Pair<YamlNode, YamlNode>[]) {
    const code = keyText(entry) ?? '';
    const keySpan = spanOf(entry.key as YamlNode) ?? valueSpan(pair);
    if (!(RULE_CODES as readonly string[]).includes(code)) {
      const s = closest(code, RULE_CODES);
      findings.push({
        code: 'schema',
        message: `'${code}' is not a rule code.${s ? ` Did you mean '${s}'?` : ` Rules: ${RULE_CODES.join(', ')}.`}`,
        span: keySpan,
        data: s ? { replacement: s } : undefined,
      });
      continue;
    }
    const value = toValue(entry.value, budget);
    if (typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value)) {
      policy.rules[code as RuleCode] = value as SeveritySetting;
      continue;
    }
    const said = typeof value === 'string' ? value : '';
    const s = said ? closest(said, SEVERITY_SETTINGS) : undefined;
    findings.push({
      code: 'schema',
      message: `'${said || String(value)}' is not a severity.${s ? ` Did you mean '${s}'?` : ''} Use one of: ${SEVERITY_SETTINGS.join(', ')}. The default applies until this is fixed.`,
      span: valueSpan(entry),
      data: s ? { replacement: s } : undefined,
    });
  }
}

function apply(policy: Policy, key: ConfigKey, data: unknown): void {
  switch (key) {
    case 'files':
      policy.files = data as string[];
      break;
    case 'ignore':
      policy.ignore = data as string[];
      break;
    case 'id-pattern':
      policy.idPattern = data as string;
      break;
    case 'roadmap': {
      const r = data as { statuses?: string[]; 'min-market-evidence'?: number };
      if (r.statuses) policy.roadmapStatuses = r.statuses;
      if (r['min-market-evidence'] !== undefined) policy.minMarketEvidence = r['min-market-evidence'];
      break;
    }
    case 'stale-after-days':
      policy.staleAfterDays = data as number;
      break;
    case 'max-file-kb':
      policy.maxFileKb = data as number;
      break;
  }
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  values?: unknown[];
  input?: unknown;
}

function configMessage(key: ConfigKey, issue: Issue, value: unknown): string {
  const where = [key, ...issue.path.filter((p) => typeof p === 'string')].join('.');
  if (issue.code === 'invalid_value' && issue.values) {
    const said = String(issue.input ?? '');
    const s = closest(said, issue.values.map(String));
    return `'${said}' is not allowed for ${where}.${s ? ` Did you mean '${s}'?` : ''} Use one of: ${issue.values.join(', ')}. The default applies until this is fixed.`;
  }
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    return `Unknown setting '${issue.keys.join("', '")}' under ${where}. The default applies until this is fixed.`;
  }
  if (issue.code === 'too_small' && 'minimum' in issue) {
    return `${where} must be at least ${String((issue as { minimum: unknown }).minimum)}. The default applies until this is fixed.`;
  }
  const wanted =
    key === 'id-pattern'
      ? 'a valid regular expression'
      : Array.isArray(value) || key === 'files' || key === 'ignore'
        ? 'a list of file patterns'
        : issue.message.replace(/^Invalid input: /, '');
  return `${where} should be ${wanted}. The default applies until this is fixed.`;
}

function configData(_key: ConfigKey, issue: Issue): Record<string, unknown> | undefined {
  if (issue.code === 'invalid_value' && issue.values) {
    const s = closest(String(issue.input ?? ''), issue.values.map(String));
    return s ? { replacement: s } : undefined;
  }
  return undefined;
}
