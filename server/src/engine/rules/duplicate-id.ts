import type { Finding, Related } from '../types';
import { listNames } from './rule';
import type { WorkspaceRule } from './rule';

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
        const others = defs.filter((d) => d !== def);
        const related: Related[] = others.map((o) => ({
          file: o.file,
          span: o.span,
          message: `${id} is also used here${o.title ? ` for “${o.title}”` : ''}.`,
        }));
        const titles = others.map((o) => (o.title ? `“${o.title}”` : 'a requirement without a title'));
        const finding: Finding = {
          code: 'duplicate-id',
          message: `${id} is also the id of ${listNames(titles)}. Ids must be unique across the workspace so that depends-on and the reports know which one is meant: give this one the next free id.`,
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
