/**
 * The evidence mix: how much of what backs the requirements comes from sales conversations and how
 * much from the market, per kind and per product area. Every requirement counts, shipped and
 * rejected ones too: the mix describes the evidence the team has gathered, not only what is open.
 */
import { EVIDENCE_KINDS } from '../../../../schemas/evidence';
import type { EvidenceKind } from '../../../../schemas/evidence';
import type { AreaEvidence, EvidenceCounts, EvidenceMix } from './types';

export class EvidenceMixTally {
  private readonly areas = new Map<string, AreaEvidence>();
  private readonly kinds = new Map<EvidenceKind, number>();
  private sales = 0;
  private market = 0;
  private sameAccount = 0;

  add(area: string | undefined, evidence: EvidenceCounts): void {
    const key = area ?? '';
    let a = this.areas.get(key);
    if (!a) {
      a = { ...(area === undefined ? {} : { area }), requirements: 0, sales: 0, market: 0, sameAccount: 0, byKind: {} };
      this.areas.set(key, a);
    }
    a.requirements++;
    a.sales += evidence.sales;
    a.market += evidence.market;
    a.sameAccount += evidence.sameAccount;
    this.sales += evidence.sales;
    this.market += evidence.market;
    this.sameAccount += evidence.sameAccount;
    for (const [kind, n] of Object.entries(evidence.byKind) as [EvidenceKind, number][]) {
      a.byKind[kind] = (a.byKind[kind] ?? 0) + n;
      this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + n);
    }
  }

  result(): EvidenceMix {
    // Kinds keep the order of the kinds table (sales first), so every report lists them alike.
    const byArea = [...this.areas.values()]
      .sort((a, b) => (a.area === undefined ? 1 : b.area === undefined ? -1 : a.area.localeCompare(b.area, 'en')))
      .map((a) => ({ ...a, byKind: inKindOrder(a.byKind) }));
    return {
      sales: this.sales,
      market: this.market,
      sameAccount: this.sameAccount,
      byKind: (Object.keys(EVIDENCE_KINDS) as EvidenceKind[]).map((kind) => ({
        kind,
        class: EVIDENCE_KINDS[kind].class,
        count: this.kinds.get(kind) ?? 0,
      })),
      byArea,
    };
  }
}

export function inKindOrder(byKind: Partial<Record<EvidenceKind, number>>): Partial<Record<EvidenceKind, number>> {
  const out: Partial<Record<EvidenceKind, number>> = {};
  for (const kind of Object.keys(EVIDENCE_KINDS) as EvidenceKind[]) if (byKind[kind]) out[kind] = byKind[kind];
  return out;
}
