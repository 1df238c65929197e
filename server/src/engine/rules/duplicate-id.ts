import type { Finding, Related } from '../types';
import { listNames } from './rule';
import type { WorkspaceRule } from './rule';

/** Related locations per finding, and titles named in its message. */
const MAX_RELATED = 20;
const NAMED = 3;

/** Two requirements with one id make every reference to it ambiguous. */
export const duplicateId: WorkspaceRule = {
  code: 'duplicate-id',
  defaultSeverity: 'error',
  scope: 'workspace',
  summary: 'Two requirements in the workspace share an id.',
  check(files) {
    const byId = new Map<string, { file: string; span: { start: number; end: number }; title?: string }[]>();
    for (const { file, model } of files) {
      for (const req of model.requirements) {
        if (!req.id || !req.idSpan) continue;
        const list = byId.get(req.id);
        const entry = { file, span: req.idSpan, title: req.title };
        if (list) list.push(entry);
        else byId.set(req.id, [entry]);
      }
    }
    const out = new Map<string, Finding[]>();
    for (const [id, defs] of byId) {
      if (defs.length < 2) continue;
      for (const def of defs) {
        // Each occurrence points to a few others, not to all of them: one requirement pasted
        // 5,000 times would otherwise carry 25 million related locations and exhaust the memory.
        const others: typeof defs = [];
        for (const d of defs) {
          if (d === def) continue;
          others.push(d);
          if (others.length === MAX_RELATED) break;
        }
        const related: Related[] = others.map((o) => ({
          file: o.file,
          span: o.span,
          message: `${id} is also used here${o.title ? ` for “${o.title}”` : ''}.`,
        }));
        const titles = others.slice(0, NAMED).map((o) => (o.title ? `“${o.title}”` : 'a requirement without a title'));
        const more = defs.length - 1 - titles.length;
        const names = more > 0 ? `${titles.join(', ')} and ${more} more` : listNames(titles);
        const finding: Finding = {
          code: 'duplicate-id',
          message: `${id} is also the id of ${names}. Ids must be unique across the workspace so that depends-on and the reports know which one is meant: give this one the next free id.`,
          span: def.span,
          requirement: id,
          related,
        };
        const list = out.get(def.file);
        if (list) list.push(finding);
        else out.set(def.file, [finding]);
      }
    }
    return out;
  },
};
