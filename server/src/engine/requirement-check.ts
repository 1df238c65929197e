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

const regexCache = new Map<string, RegExp>();
export function idRegex(policy: Policy): RegExp {
  let r = regexCache.get(policy.idPattern);
  if (!r) {
    r = new RegExp(policy.idPattern);
    regexCache.set(policy.idPattern, r);
  }
  return r;
}
