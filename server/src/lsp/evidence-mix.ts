/**
 * One requirement's evidence at a glance, as the code lens and hover say it:
 * "1 deal · 0 market · not roadmap-ready". The counts and the verdict are the report's own (the
 * engine's `judgeFile`), in the report's words, so the editor and the report never disagree.
 */
import type { Requirement, Workspace } from '../engine';
import { judgedAt, judgeFile } from '../engine/report';
import type { Verdict } from '../engine/report';
import { evidenceSummary } from '../report/words';

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
  verdict: Verdict;
  accounts: string[];
  /** "1 deal · 0 market · not roadmap-ready" */
  summary: string;
}

/** The requirement's mix, judged in its file; undefined when the file could not be read. */
export function evidenceMix(req: Requirement, workspace: Workspace, file: string): EvidenceMix | undefined {
  const judged = judgeFile(workspace, file);
  const row = judged && judgedAt(judged, req);
  if (!row) return undefined;
  const accounts = new Map<string, string>();
  for (const e of req.evidence) if (e.complete && e.accountKey && !accounts.has(e.accountKey)) accounts.set(e.accountKey, e.account!);
  const words = row.verdict === 'closed' ? (req.status ?? 'closed') : VERDICT_WORDS[row.verdict];
  return { verdict: row.verdict, accounts: [...accounts.values()], summary: `${evidenceSummary(row.counts)} · ${words}` };
}
