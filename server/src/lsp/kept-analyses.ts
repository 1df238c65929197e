/**
 * The server's cache of analyses between sessions: a file the editor names (the VS Code extension
 * passes one in its own storage, `cacheFile` in the initialization options), the same cache as
 * `inbound check --cache`. Indexing a large workspace then parses only the files that changed since
 * the last session. Saved when a project has been read and when the server shuts down. On Node only
 * (node-host.ts gives it to the server): in the browser there is no disk to keep it on.
 */
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import type { AnalysisStore } from '../engine';
import { AnalysisCache, engineVersion } from '../node/analysis-cache';
import type { KeptAnalysesStore } from './server-host';

export class KeptAnalyses implements KeptAnalysesStore {
  private told = false;
  private restoredBefore = 0;

  private constructor(
    private readonly cache: AnalysisCache,
    private readonly log: (message: string) => void,
  ) {}

  /** The cache named in the initialization options, if any (an absolute path; anything else is ignored). */
  static open(file: unknown, log: (message: string) => void): KeptAnalyses | undefined {
    if (typeof file !== 'string' || !isAbsolute(file)) return undefined;
    return new KeptAnalyses(AnalysisCache.open(file, engineVersion(typeof INBOUND_VERSION === 'string' ? INBOUND_VERSION : '0.0.0')), log);
  }

  get store(): AnalysisStore {
    return this.cache;
  }

  /** Writes what changed; a cache that cannot be written is logged once and otherwise ignored. */
  save(): void {
    const restored = this.cache.stats.restored - this.restoredBefore;
    this.restoredBefore = this.cache.stats.restored;
    if (restored > 0) this.log(`Inbound: ${restored} file analyses read from the cache`);
    try {
      mkdirSync(dirname(this.cache.path), { recursive: true });
      this.cache.save();
    } catch (e) {
      if (!this.told) this.log(`Inbound: cannot write the cache ${this.cache.path}: ${(e as Error).message}`);
      this.told = true;
    }
  }
}

declare const INBOUND_VERSION: string;
