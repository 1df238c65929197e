/**
 * How the language server comes to the files it does not have open: an interface, so the same
 * server reads a disk where it runs on Node (lsp/indexer.ts over server/src/node) and asks the editor
 * where there is no disk to read (the browser, a virtual workspace: lsp/client-files.ts).
 */
import type { FileSource } from '../engine/source';
import type { Project } from './projects';

/** A file's text, and what reading it found out beyond the text (see engine/source.ts). */
export interface FileText {
  text: string;
  source?: FileSource;
}

/** What a search of a project's folder found. */
export interface FolderScan {
  /** Requirement files: selected by the project's globs, not ignored, not in a deeper project. */
  files: string[];
  /** Folders of the configs just below the project's own: the projects inside this one. */
  nested: string[];
  /** Symbolic links the globs select that lead out of the folder (not read, only named). */
  outside?: string[];
}

export interface FileAccess {
  /** The project's requirement files and the configs below it, by its config's globs. */
  discover(project: Project): Promise<FolderScan>;
  /**
   * A requirement file of `project`, undefined if it cannot be read. `realRoot`: the folder's real
   * path, looked up once per search (see `realFolder`).
   */
  readText(project: Project, file: string, realRoot?: string): Promise<FileText | undefined>;
  /** A config, read for the folder it governs (`root`: a nested config's folder, not yet a project). */
  readConfigText(root: string, file: string): Promise<FileText | undefined>;
  /** The folder's real path, for the rule on links; undefined where there are no links to follow. */
  realFolder(root: string): Promise<string | undefined>;
}

/**
 * Runs `f` in a later turn of the event loop, after the messages already read; returns what cancels
 * it. A worker has no setImmediate; a zero timeout lets its messages in all the same.
 */
export function nextTurn(f: () => void): () => void {
  if (typeof setImmediate === 'function') {
    const t = setImmediate(f);
    return () => clearImmediate(t);
  }
  const t = setTimeout(f, 0);
  return () => clearTimeout(t);
}

/** Lets pending messages (an edit, a cancellation) in between batches of work. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => void nextTurn(resolve));
}
