import { closest } from '../did-you-mean';
import type { Finding } from '../types';
import type { WorkspaceRule } from './rule';

/** About a second of did-you-mean per workspace check, however many references are unknown. */
const SUGGESTION_BUDGET = 500_000;

/** A dependency on nothing: a typo, or a requirement that was renamed or deleted. */
export const unknownReference: WorkspaceRule = {
  code: 'unknown-reference',
  defaultSeverity: 'error',
  scope: 'workspace',
  summary: 'A depends-on entry names no requirement in the workspace.',
  check(files) {
    const ids = new Set<string>();
    for (const { model } of files) for (const r of model.requirements) if (r.id) ids.add(r.id);
    const out = new Map<string, Finding[]>();
    let all: string[] | undefined;
    // Each suggestion compares with every id: 4,000 unknown references among 4,000 ids took a
    // minute and a half. A budget of comparisons keeps the first suggestions (where a typo is
    // likeliest: few unknown references) and drops the rest (a whole file renamed).
    let comparisons = SUGGESTION_BUDGET;
    for (const { file, model } of files) {
      const findings: Finding[] = [];
      for (const req of model.requirements) {
        for (const ref of req.dependsOn) {
          if (ids.has(ref.id)) continue;
          // Did-you-mean only on demand: most workspaces have no unknown reference at all.
          all ??= [...ids];
          comparisons -= all.length;
          const suggestion = comparisons >= 0 ? closest(ref.id, all) : undefined;
          findings.push({
            code: 'unknown-reference',
            message: `${req.id ?? 'This requirement'} depends on ${ref.id}, which no requirement in the workspace has.${suggestion ? ` Did you mean ${suggestion}?` : ' Check the id, or remove the entry if that requirement is gone.'}`,
            span: ref.span,
            requirement: req.id,
            data: suggestion ? { replacement: suggestion } : undefined,
          });
        }
      }
      if (findings.length) out.set(file, findings);
    }
    return out;
  },
};
