/**
 * inbound_accounts: the report's account concentration (the squeaky wheel), as `inbound report
 * --format json` has it.
 */
import { accountKey } from '../engine';
import { closest } from '../engine/did-you-mean';
import type { AccountConcentration } from '../engine/report';
import { formatAmounts, plural } from '../report/words';
import type { ToolAnswer } from './answer';
import { caveats, listLines, scopeNotes } from './answer';
import type { AccountsInput } from './definitions';
import { ToolError } from './errors';
import { reportsOf } from './readiness';
import type { ToolScope } from './scope';

/** "Initech drives 2 open requirements (1 on the roadmap, 1 without market evidence): CHK-102, PLT-8 · 2 deals, EUR 45,000 + 80,000 without a currency" */
export function accountLine(a: AccountConcentration): string {
  const detail = [a.onRoadmap ? `${a.onRoadmap} on the roadmap` : '', a.withoutMarketEvidence ? `${a.withoutMarketEvidence} without market evidence` : ''].filter(Boolean);
  const money = formatAmounts(a.amounts);
  return (
    `${a.account} drives ${plural(a.requirements, 'open requirement')}${detail.length ? ` (${detail.join(', ')})` : ''}: ${a.drives.join(', ')}` +
    (a.deals ? ` · ${plural(a.deals, 'deal')}${money ? `, ${money}` : ''}` : '')
  );
}

export function accounts(scope: ToolScope, input: AccountsInput): ToolAnswer {
  const reports = reportsOf(scope);
  const several = reports.length > 1;
  let rows = reports.flatMap(({ report, label }) => report.concentration.map((a) => (several && label !== undefined ? { ...a, project: label } : a)));
  if (input.account !== undefined) {
    const key = accountKey(input.account);
    rows = rows.filter((a) => accountKey(a.account) === key);
    if (rows.length === 0) throw new ToolError(missingAccount(scope, input.account));
  }
  const limit = input.limit ?? 50;
  const shown = rows.slice(0, limit);
  const unread = reports.flatMap(({ report }) => report.unreadFiles.map((u) => u.file));
  const lines = [
    rows.length === 0
      ? 'No account drives an open requirement through sales evidence.'
      : input.account !== undefined
        ? ''
        : `${plural(rows.length, 'account')} drive${rows.length === 1 ? 's' : ''} open requirements through their sales conversations, the most first:`,
    ...listLines(
      shown.map((a) => `- ${accountLine(a)}`),
      15,
    ),
    ...caveats(scope, unread),
  ].filter(Boolean);
  return {
    summary: lines.join('\n'),
    data: { accounts: shown, ...(rows.length > shown.length ? { omitted: rows.length - shown.length } : {}), ...scopeNotes(scope) },
  };
}

/** Why an account is not in the ranking: it drives nothing through sales, or is spelt otherwise. */
function missingAccount(scope: ToolScope, account: string): string {
  const key = accountKey(account);
  const known = new Map<string, string>();
  for (const project of scope.projects) for (const [k, v] of project.workspace.catalog().accounts) if (!known.has(k)) known.set(k, v.name);
  const named = known.get(key);
  if (named) return `${named} drives no open requirement through sales evidence: it is named only in market evidence, in closed requirements or in incomplete items.`;
  const near = closest(account, [...known.values()]);
  return `No account ${account} in this project's evidence${near ? `; the closest is ${near}` : ''}.`;
}
