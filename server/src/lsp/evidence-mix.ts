/**
 * One requirement's evidence at a glance, as the code lens and hover say it:
 * "1 deal · 0 market · not roadmap-ready". The verdict is the report's, read from the same findings.
 */
import type { Diagnostic, Requirement, Workspace } from '../engine';
import { verdictOf } from '../engine/report/readiness';
import type { Verdict } from '../engine/report';

const VERDICT_WORDS: Record<Verdict, string> = {
  ready: 'roadmap-ready',
  blocked: 'not roadmap-ready',
  waived: 'on the roadmap by waiver',
  'at-risk': 'at risk: sales-driven',
  'no-evidence': 'no evidence',
  gathering: 'not roadmap-ready yet',
  closed: 'closed',
};

export interface EvidenceMix {
  sales: number;
  market: number;
  verdict: Verdict;
  accounts: string[];
  /** "1 deal · 0 market · not roadmap-ready" */
  summary: string;
}

export function evidenceMix(req: Requirement, workspace: Workspace, shown?: ReadonlySet<Diagnostic['code']>): EvidenceMix {
  const complete = req.evidence.filter((e) => e.complete);
  const sales = complete.filter((e) => e.class === 'sales').length;
  const market = complete.filter((e) => e.class === 'market').length;
  const codes = shown ?? codesOf(req, workspace);
  const verdict = verdictOf(req, codes, { policy: workspace.policy, today: workspace.today });
  const accounts = new Map<string, string>();
  for (const e of complete) if (e.accountKey && !accounts.has(e.accountKey)) accounts.set(e.accountKey, e.account!);
  const words = verdict === 'closed' ? (req.status ?? 'closed') : VERDICT_WORDS[verdict];
  return {
    sales,
    market,
    verdict,
    accounts: [...accounts.values()],
    summary: `${sales} deal${sales === 1 ? '' : 's'} · ${market} market · ${words}`,
  };
}

/** The codes shown on each requirement of a file, found by where the findings are. */
export function codesByRequirement(requirements: readonly Requirement[], diagnostics: readonly Diagnostic[]): Map<Requirement, Set<Diagnostic['code']>> {
  const out = new Map<Requirement, Set<Diagnostic['code']>>();
  for (const req of requirements) out.set(req, new Set());
  for (const d of diagnostics) {
    const req = requirements.find((r) => r.span.start <= d.span.start && d.span.start <= r.span.end);
    if (req) out.get(req)!.add(d.code);
  }
  return out;
}

function codesOf(req: Requirement, workspace: Workspace): Set<Diagnostic['code']> {
  for (const a of workspace.analyses()) {
    if (!a.model.requirements.includes(req)) continue;
    return codesByRequirement([req], workspace.diagnostics(a.file).diagnostics).get(req)!;
  }
  return new Set();
}
