import { Candidates, closest } from '../did-you-mean';
import type { Finding } from '../types';
import type { WorkspaceRule } from './rule';

/** About a second of did-you-mean per workspace check, however many references are unknown. */
const SUGGESTION_BUDGET = 500_000;

/**
 * Suggestions for a mistyped id, looked for among the ids that share its prefix (CHK-1243 among
 * the CHK- ids), or, for a mistyped prefix, among the ids of the closest prefix: a few hundred
 * comparisons instead of one per id in the workspace, on every keystroke.
 */
class IdSuggester {
  private readonly byPrefix = new Map<string, string[]>();
  /** Each prefix's ids, and the prefixes, made comparable once (see `Candidates`) when first asked. */
  private readonly comparable = new Map<string, Candidates>();
  private prefixes?: Candidates;
  private budget = SUGGESTION_BUDGET;

  constructor(ids: Iterable<string>) {
    for (const id of ids) {
      const p = prefixOf(id);
      const list = this.byPrefix.get(p);
      if (list) list.push(id);
      else this.byPrefix.set(p, [id]);
    }
  }

  /** `taken`: ids that would be no help (the requirement's own, those already in its depends-on). */
  suggest(ref: string, taken: (id: string) => boolean): string | undefined {
    let pool = this.byPrefix.get(prefixOf(ref));
    if (!pool) {
      this.prefixes ??= new Candidates([...this.byPrefix.keys()]);
      this.budget -= this.prefixes.words.length;
      const near = this.budget >= 0 ? closest(prefixOf(ref), this.prefixes) : undefined;
      if (!near) return undefined;
      // The prefix was the typo: the same number under the right prefix, if there is one.
      const renamed = near + ref.slice(prefixOf(ref).length);
      pool = this.byPrefix.get(near)!;
      if (pool.includes(renamed) && !taken(renamed)) return renamed;
    }
    this.budget -= pool.length;
    if (this.budget < 0) return undefined;
    const prefix = prefixOf(pool[0]);
    let candidates = this.comparable.get(prefix);
    if (!candidates) {
      candidates = new Candidates(pool);
      this.comparable.set(prefix, candidates);
    }
    return closest(ref, candidates, taken);
  }
}

/** "CHK-" of "CHK-1234" (and of the mistyped "CHK-10O"): up to the last dash, else the trailing digits. */
function prefixOf(id: string): string {
  const dash = id.lastIndexOf('-');
  return dash >= 0 ? id.slice(0, dash + 1) : id.replace(/\d+$/, '');
}

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
    // Built on demand: most workspaces have no unknown reference at all.
    let suggester: IdSuggester | undefined;
    for (const { file, model } of files) {
      const findings: Finding[] = [];
      for (const req of model.requirements) {
        for (const ref of req.dependsOn) {
          if (ids.has(ref.id)) continue;
          suggester ??= new IdSuggester(ids);
          // Pointing a requirement at itself, or at what it already depends on, fixes nothing.
          const suggestion = suggester.suggest(ref.id, (id) => id === req.id || req.dependsOn.some((d) => d.id === id));
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
