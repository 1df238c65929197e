/** The per-requirement rules on one item of the requirements list, and the id pattern they use. */
import type { Policy } from '../../../schemas/config';
import type { ItemRead } from './model';
import { REQUIREMENT_RULES } from './rules';
import type { RuleContext } from './rules/rule';
import type { Finding } from './types';

/** The per-requirement rules on one item of the list. */
export function checkItem(item: ItemRead, ctx: RuleContext): Finding[] {
  const req = item.requirement;
  if (!req) return [];
  const out: Finding[] = [];
  for (const rule of REQUIREMENT_RULES) {
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
 * asks whether an id fits goes through here, so the matching engine can change in one place.
 */
export function idMatcher(policy: Pick<Policy, 'idPattern'>): IdMatcher {
  const pattern = policy.idPattern;
  let m = matchers.get(pattern);
  if (!m) {
    // A config being typed passes through many patterns: keep only the recent ones.
    if (matchers.size >= 16) matchers.clear();
    // A group keeps an alternation whole: ^(?:A|B)$, not ^A|B$.
    const whole = new RegExp(`^(?:${pattern})$`);
    m = { pattern, test: (id) => whole.test(id) };
    matchers.set(pattern, m);
  }
  return m;
}
