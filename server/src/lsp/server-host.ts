/**
 * What the server is given: by the editor at start (`ServerOptions`, the initialization options) and
 * by where it runs (`ServerHost`: Node, or a browser's worker). Its own module so that the parts the
 * hosts provide (node-host.ts, kept-analyses.ts) need not import the server's wiring.
 */
import type { AnalysisStore } from '../engine';
import type { RoadmapDiff } from '../engine/diff';
import type { FileAccess } from './file-access';
import type { Projects } from './projects';
import type { DiffParams } from './protocol';

export interface ServerOptions {
  /** Fixes the clock (YYYY-MM-DD) for tests; also INBOUND_TODAY in the environment. */
  today?: string;
  /** Delay before pushed diagnostics are recomputed after an edit; 0 for measurements. */
  debounceMs?: number;
  /** False in an untrusted workspace (VS Code's Restricted Mode). */
  trusted?: boolean;
  /** Where to keep file analyses between sessions (an absolute path; see kept-analyses.ts). */
  cacheFile?: string;
}

/**
 * What the server can do where it runs: on Node it reads the disk and git; in the browser it has
 * neither, and the editor supplies the files (client-files.ts).
 */
export interface ServerHost {
  /** The disk: files of folders on it are read from it. Without it, every file comes from the editor. */
  disk?: FileAccess;
  /** The roadmap diff, which needs git's rules for a revision's projects (lsp/diff.ts). */
  diff?: (projects: Projects, params: DiffParams, log: (message: string) => void) => Promise<RoadmapDiff | null>;
  /** Rule pages shipped beside the server, for a client that names no base for their links. */
  ruleDocs?: () => ((code: string) => string) | undefined;
  /** The environment's INBOUND_TODAY, where there is an environment. */
  today?: string;
  /** Analyses kept between sessions in the file the editor names (`cacheFile`), where there is a disk. */
  keptAnalyses?: (cacheFile: unknown, log: (message: string) => void) => KeptAnalysesStore | undefined;
}

/** See kept-analyses.ts. */
export interface KeptAnalysesStore {
  readonly store: AnalysisStore;
  save(): void;
}
