/**
 * The workspace's catalog: where each requirement id is defined and where it is referenced, and the
 * accounts evidence names. Navigation, rename, completion and "next free id" read it; it is built on
 * first use after a change, in one pass over the models.
 */
import type { Requirement } from './model';
import type { Span } from './types';

export interface Definition {
  file: string;
  requirement: Requirement;
  span: Span;
}

export interface ReferenceSite {
  file: string;
  /** The requirement whose `depends-on` names the id. */
  from: Requirement;
  span: Span;
}

export interface Catalog {
  definitions: Map<string, Definition[]>;
  references: Map<string, ReferenceSite[]>;
  /** Account names as first written, keyed by their comparison key, with how often each is used. */
  accounts: Map<string, { name: string; uses: number }>;
}

export function buildCatalog(files: Iterable<{ file: string; model: { requirements: Requirement[] } }>): Catalog {
  const definitions = new Map<string, Definition[]>();
  const references = new Map<string, ReferenceSite[]>();
  const accounts = new Map<string, { name: string; uses: number }>();
  for (const { file, model } of files) {
    for (const req of model.requirements) {
      if (req.id && req.idSpan) push(definitions, req.id, { file, requirement: req, span: req.idSpan });
      for (const ref of req.dependsOn) push(references, ref.id, { file, from: req, span: ref.span });
      for (const e of req.evidence) {
        if (!e.account || !e.accountKey) continue;
        const seen = accounts.get(e.accountKey);
        if (seen) seen.uses++;
        else accounts.set(e.accountKey, { name: e.account, uses: 1 });
      }
    }
  }
  return { definitions, references, accounts };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
