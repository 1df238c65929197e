/** The per-requirement rules on one item of the requirements list, and the id pattern they use. */
import { RE2JS } from 're2js';
import type { Policy } from '../../../schemas/config';
import { DEFAULT_ID_PATTERN } from '../../../schemas/primitives';
import type { ItemRead } from './model';
import { REQUIREMENT_RULES } from './rules';
import type { RequirementRule, RuleContext } from './rules/rule';
import type { Finding } from './types';

/** The per-requirement rules (or some of them) on one item of the list. */
export function checkItem(item: ItemRead, ctx: RuleContext, rules: readonly RequirementRule[] = REQUIREMENT_RULES): Finding[] {
  const req = item.requirement;
  if (!req) return [];
  const out: Finding[] = [];
  for (const rule of rules) {
    for (const f of rule.check(req, ctx)) {
      f.requirement ??= req.id;
      out.push(f);
    }
  }
  return out;
}

/** Whether an id fits the workspace's `id-pattern`, and the pattern as the person wrote it (for messages). */
export interface IdMatcher {
  readonly pattern: string;
  test(id: string): boolean;
}

const matchers = new Map<string, IdMatcher>();

/**
 * The one place ids are matched against `id-pattern`: the pattern must match the whole id
 * (`REQ-[0-9]{3}` does not accept XREQ-0011), written with or without ^ and $. Everything that
 * asks whether an id fits goes through here. A workspace's own pattern runs on RE2 (re2js), in time
 * linear in the id whatever the pattern: it comes from a repository someone cloned, and `^(a|a)+$`
 * on a long id would hang a backtracking engine. The built-in default is ours, has no repetition
 * inside a repetition, and runs on the native engine, which is faster.
 */
export function idMatcher(policy: Pick<Policy, 'idPattern'>): IdMatcher {
  const pattern = policy.idPattern;
  let m = matchers.get(pattern);
  if (!m) {
    // A config being typed passes through many patterns: keep only the recent ones.
    if (matchers.size >= 16) matchers.clear();
    m = { pattern, test: wholeMatch(pattern) };
    matchers.set(pattern, m);
  }
  return m;
}

function wholeMatch(pattern: string): (id: string) => boolean {
  if (pattern === DEFAULT_ID_PATTERN) {
    const native = new RegExp(`^(?:${pattern})$`);
    return (id) => native.test(id);
  }
  try {
    // A group keeps an alternation whole: ^(?:A|B)$, not ^A|B$.
    const re2 = RE2JS.compile(`^(?:${pattern})$`);
    return (id) => re2.matches(id);
  } catch {
    // The config's own finding says what is wrong; until it is fixed no id can be judged by it.
    return () => true;
  }
}
