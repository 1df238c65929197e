/**
 * `inbound.config.yaml` → the workspace policy, and findings on the config file itself.
 * A broken setting falls back to its default; the others still apply.
 */
import { isMap } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { BACKTRACKING_GLOB, CONFIG_KEYS, configKeySchemas, DEFAULT_POLICY, OUTSIDE_GLOB, RULE_CODES, SEVERITY_SETTINGS } from '../../../schemas/config';
import type { ConfigKey, Policy, RuleCode, SeveritySetting } from '../../../schemas/config';
import { closest } from './did-you-mean';
import { firstLine, valueSpan } from './model';
import type { Finding } from './types';
import { parseYaml, spanOf } from './yaml-document';
import { AliasBudget, keyText, nodeAtPath, scalarText, toValue, valueKind } from './yaml-values';

export const CONFIG_FILE_NAME = 'inbound.config.yaml';

export interface LoadedPolicy {
  policy: Policy;
  findings: Finding[];
}

/**
 * A configuration is a few lines. A huge one (generated, or hostile in a pull request) would cost
 * a minute of parsing and then a glob per pattern, before any requirement is checked.
 */
export const MAX_CONFIG_KB = 256;

/** `size`: the config's size in bytes when only its head was read from disk (it is over the limit). */
export function readPolicy(text: string, size = text.length): LoadedPolicy {
  if (size > MAX_CONFIG_KB * 1024) {
    let end = 0;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    return {
      policy: { ...DEFAULT_POLICY, rules: {} },
      findings: [
        {
          code: 'schema',
          message: `This configuration is ${(size / 1024).toFixed(0)} KB; a configuration is a few lines, and Inbound reads one of up to ${MAX_CONFIG_KB} KB. The defaults apply until it is smaller.`,
          span: { start: 0, end },
        },
      ],
    };
  }
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
    if (k === 'roadmap') {
      readRoadmap(pair, budget, policy, findings);
      continue;
    }
    const value = toValue(pair.value, budget);
    const result = configKeySchemas[k].safeParse(value, { reportInput: true });
    if (!result.success) {
      for (const issue of result.error.issues) {
        findings.push({ code: 'schema', message: configMessage(k, issue, value), span: issueSpan(pair, issue, budget), data: configData(issue) });
      }
      continue;
    }
    apply(policy, k, result.data);
  }
  return { policy, findings };
}

/** statuses and min-market-evidence each on their own: a typo in one keeps the other. */
function readRoadmap(pair: Pair<YamlNode, YamlNode>, budget: AliasBudget, policy: Policy, findings: Finding[]): void {
  const map = budget.resolve(pair.value as YamlNode);
  if (!map || !isMap(map)) {
    findings.push({
      code: 'schema',
      message: `'roadmap' is a block of settings: statuses (a list) and min-market-evidence (a number). The defaults apply until this is fixed.`,
      span: valueSpan(pair),
    });
    return;
  }
  const shape = configKeySchemas.roadmap.shape;
  const known = Object.keys(shape) as (keyof typeof shape)[];
  for (const entry of map.items as Pair<YamlNode, YamlNode>[]) {
    const key = keyText(entry) ?? '';
    if (!(known as string[]).includes(key)) {
      const s = closest(key, known);
      findings.push({
        code: 'schema',
        message: `Unknown setting '${key}' under roadmap.${s ? ` Did you mean '${s}'?` : ` Settings: ${known.join(', ')}.`}`,
        span: spanOf(entry.key as YamlNode) ?? valueSpan(pair),
        data: s ? { replacement: s } : undefined,
      });
      continue;
    }
    const k = key as (typeof known)[number];
    const value = toValue(entry.value, budget);
    const result = shape[k].safeParse(value, { reportInput: true });
    if (!result.success) {
      for (const issue of result.error.issues) {
        findings.push({ code: 'schema', message: configMessage(`roadmap.${k}`, issue, value), span: issueSpan(entry, issue, budget), data: configData(issue) });
      }
      continue;
    }
    if (k === 'statuses' && result.data) policy.roadmapStatuses = result.data as string[];
    if (k === 'min-market-evidence' && result.data !== undefined) policy.minMarketEvidence = result.data as number;
  }
}

function issueSpan(pair: Pair<YamlNode, YamlNode>, issue: { path: PropertyKey[] }, budget: AliasBudget) {
  const place = nodeAtPath(pair.value as YamlNode, issue.path, budget);
  const s = spanOf(place.node);
  return s && s.end > s.start ? s : valueSpan(pair);
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
      message: `${scalarText(value) === undefined ? `A severity is one word, not ${valueKind(value)}.` : `'${said || scalarText(value)}' is not a severity.`}${s ? ` Did you mean '${s}'?` : ''} Use one of: ${SEVERITY_SETTINGS.join(', ')}. The default applies until this is fixed.`,
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

/** What a number setting counts, for "stale-after-days should be a whole number of days". */
const NUMBER_WORDS: Record<string, string> = {
  'stale-after-days': 'a whole number of days, e.g. 365',
  'max-file-kb': 'a whole number of kilobytes, e.g. 4096',
  'roadmap.min-market-evidence': 'a whole number, e.g. 1',
};

function configMessage(where: string, issue: Issue, value: unknown): string {
  const path = issue.path.filter((p) => typeof p === 'string');
  const setting = [where, ...path].join('.');
  const fallback = ' The default applies until this is fixed.';
  if (issue.code === 'invalid_value' && issue.values) {
    const said = scalarText(issue.input ?? '');
    if (said === undefined) return `${setting} is one of: ${issue.values.join(', ')}, not ${valueKind(issue.input)}.${fallback}`;
    const s = closest(said, issue.values.map(String));
    return `'${said}' is not allowed for ${setting}.${s ? ` Did you mean '${s}'?` : ''} Use one of: ${issue.values.join(', ')}.${fallback}`;
  }
  if (issue.code === 'too_small' && 'minimum' in issue) {
    const min = (issue as { minimum: unknown }).minimum;
    if (Array.isArray(value)) return `${setting} needs at least ${String(min)} entr${min === 1 ? 'y' : 'ies'}.${fallback}`;
    return `${setting} must be at least ${String(min)}${typeof value === 'number' ? `, not ${value}` : ''}.${fallback}`;
  }
  // A glob that leaves the config's folder: named, with why it cannot be (the finding is on it).
  if ((where === 'files' || where === 'ignore') && issue.message === OUTSIDE_GLOB) return `${setting}: '${String(issue.input)}' ${OUTSIDE_GLOB}.${fallback}`;
  const said = typeof value === 'string' ? ` '${value}' is not.` : '';
  const wanted =
    where === 'id-pattern' && typeof value === 'string'
      ? issue.code === 'custom'
        ? issue.message
        : 'a valid regular expression'
      : where === 'files' || where === 'ignore'
        ? issue.message === BACKTRACKING_GLOB
          ? BACKTRACKING_GLOB
          : 'a list of file patterns, e.g. ["**/*.req.yaml"]'
        : (NUMBER_WORDS[where] ?? issue.message.replace(/^Invalid input: /, ''));
  return `${setting} should be ${wanted}.${said}${fallback}`;
}

function configData(issue: Issue): Record<string, unknown> | undefined {
  if (issue.code === 'invalid_value' && issue.values) {
    const s = closest(scalarText(issue.input ?? '') ?? '', issue.values.map(String));
    return s ? { replacement: s } : undefined;
  }
  return undefined;
}
