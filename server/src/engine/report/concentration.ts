/**
 * Account concentration — the squeaky wheel: which accounts' sales conversations drive the open
 * requirements, and how many of those have nothing from the wider market behind them.
 *
 * Only sales evidence counts here (a market interview with an account is the market speaking, not
 * the account pushing), only complete items, and only open requirements: what is shipped or
 * rejected is decided and drives nothing any more.
 */
import type { Evidence } from '../model';
import type { AccountConcentration, DealAmount } from './types';

interface Driven {
  /** The requirement's label in `drives`. */
  label: string;
  hasMarketEvidence: boolean;
  onRoadmap: boolean;
}

interface Deal {
  amount?: number;
  currency?: string;
}

interface Ledger {
  account: string;
  requirements: Set<number>;
  withoutMarketEvidence: number;
  onRoadmap: number;
  drives: string[];
  /** By deal name, case ignored as the duplicate-evidence rule does. */
  deals: Map<string, Deal>;
}

export class ConcentrationLedger {
  private readonly accounts = new Map<string, Ledger>();
  private requirementCount = 0;

  /** One open requirement's complete sales evidence; `name` gives an account's display name. */
  addRequirement(requirement: Driven, sales: readonly Evidence[], name: (account: string) => string): void {
    const index = this.requirementCount++;
    for (const e of sales) {
      if (!e.accountKey || !e.account) continue;
      let ledger = this.accounts.get(e.accountKey);
      if (!ledger) {
        ledger = { account: name(e.account), requirements: new Set(), withoutMarketEvidence: 0, onRoadmap: 0, drives: [], deals: new Map() };
        this.accounts.set(e.accountKey, ledger);
      }
      if (!ledger.requirements.has(index)) {
        ledger.requirements.add(index);
        ledger.drives.push(requirement.label);
        if (!requirement.hasMarketEvidence) ledger.withoutMarketEvidence++;
        if (requirement.onRoadmap) ledger.onRoadmap++;
      }
      if (e.kind === 'sales-deal' && e.deal) {
        const key = e.deal.toLowerCase();
        const known = ledger.deals.get(key);
        const currency = e.currency?.toUpperCase();
        if (!known) ledger.deals.set(key, { amount: e.amount, currency });
        else if (known.amount === undefined && e.amount !== undefined) Object.assign(known, { amount: e.amount, currency });
      }
    }
  }

  /** Most requirements driven first; then most without market evidence, most on the roadmap, name. */
  ranking(): AccountConcentration[] {
    return [...this.accounts.values()]
      .map((l) => ({
        account: l.account,
        requirements: l.requirements.size,
        withoutMarketEvidence: l.withoutMarketEvidence,
        onRoadmap: l.onRoadmap,
        drives: l.drives,
        deals: l.deals.size,
        amounts: sumByCurrency(l.deals.values()),
      }))
      .sort(
        (a, b) =>
          b.requirements - a.requirements ||
          b.withoutMarketEvidence - a.withoutMarketEvidence ||
          b.onRoadmap - a.onRoadmap ||
          a.account.localeCompare(b.account, 'en'),
      );
  }
}

/** Totals per currency, by currency name; amounts given without one last. */
function sumByCurrency(deals: Iterable<Deal>): DealAmount[] {
  const totals = new Map<string, number>();
  for (const d of deals) {
    if (d.amount === undefined) continue;
    const key = d.currency ?? '';
    totals.set(key, (totals.get(key) ?? 0) + d.amount);
  }
  return [...totals.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'en')))
    .map(([currency, total]) => (currency ? { currency, total } : { total }));
}
