/**
 * The projects: each workspace folder the editor opened, and each folder below it that holds an
 * `inbound.config.yaml` of its own (a monorepo), each with its own engine `Workspace` and config.
 * A file belongs to the deepest project that holds it, as in the CLI (server/src/node/project-tree.ts
 * draws the boundaries for both); requirement files opened from elsewhere are checked on their own,
 * with the default policy.
 */
import { basename, dirname, join, relative, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { DEFAULT_POLICY } from '../../../schemas/config';
import { CONFIG_FILE_NAME, Workspace } from '../engine';
import { configSelector, fileSelector, globPath, isConfigFile, isInside } from '../paths/project-globs';
import type { FileText } from './file-access';
import { virtualPath, virtualUri } from './virtual-files';
import type { AnalysisStore } from '../engine';

/**
 * The engine's name for a document: its path on disk, the path a workspace folder's file without one
 * goes by (virtual-files.ts), or else its URI (untitled).
 */
export function fileOf(uri: string): string {
  const virtual = virtualPath(uri);
  if (virtual !== undefined) return virtual;
  if (!uri.startsWith('file:')) return uri;
  return URI.parse(uri).fsPath;
}

export function uriOf(file: string): string {
  const virtual = virtualUri(file);
  if (virtual !== undefined) return virtual;
  return /^[a-z][a-z0-9+.-]*:/i.test(file) && !/^[a-z]:[\\/]/i.test(file) ? file : URI.file(file).toString();
}

/**
 * What reading a config from disk told beyond its text (it was too large to read whole, see
 * read-text.ts), by file: the server's state hands configs on as text alone, and `applyConfig`
 * finds the rest here for the text it was read with.
 */
const configReads = new Map<string, FileText>();

export function rememberConfigRead(file: string, read: FileText | undefined): void {
  if (read?.source) configReads.set(file, read);
  else configReads.delete(file);
}

export class Project {
  readonly workspace: Workspace;
  private matcher?: { files: string[]; ignore: string[]; test: (path: string) => boolean };
  private configMatcher?: { ignore: string[]; test: (path: string) => boolean };
  /**
   * Its config has been read (or found missing): until then the policy is the default one, and
   * findings judged by it may be wrong. The loose files have no config to wait for.
   */
  configKnown: boolean;

  constructor(
    /** The folder on disk; undefined for the project of loose files. */
    readonly root: string | undefined,
    today: string | undefined,
    /** A workspace the editor does not trust yet: its config's regular expression is not run. */
    private readonly trusted = true,
    /** Made by a config found below a workspace folder, not a folder the editor opened: it goes when its config goes. */
    readonly nested = false,
    /** max-file-kb went up while files too large before were read only up to their first line: they are to be read again. */
    private readonly limitRaised?: (project: Project) => void,
    /** Analyses kept from the last session (the extension's storage): unchanged files are not parsed again. */
    store?: AnalysisStore,
  ) {
    this.workspace = new Workspace({ today, store });
    this.configKnown = root === undefined;
  }

  /** Reads the config (undefined text: there is none). */
  applyConfig(file: string, text: string | undefined): void {
    const read = text === undefined ? undefined : configReads.get(file);
    const limit = this.workspace.policy.maxFileKb;
    this.workspace.setConfig(text === undefined ? undefined : file, text, read && read.text === text ? read.source : undefined);
    this.configKnown = true;
    if (this.limitRaised && this.workspace.policy.maxFileKb > limit && this.workspace.analyses().some((a) => a.source?.size !== undefined)) {
      this.limitRaised(this);
    }
    // An id-pattern is a regular expression someone else wrote; a hostile one could hang the
    // server. Until the workspace is trusted, ids are checked against the default pattern.
    if (!this.trusted && this.workspace.policy.idPattern !== DEFAULT_POLICY.idPattern) {
      this.workspace.setPolicy({ ...this.workspace.policy, idPattern: DEFAULT_POLICY.idPattern });
    }
  }

  get configPath(): string | undefined {
    return this.root === undefined ? undefined : join(this.root, CONFIG_FILE_NAME);
  }

  holds(file: string): boolean {
    if (this.root === undefined) return true;
    const r = relative(this.root, file);
    return r !== '' && !r.startsWith('..') && !r.startsWith(sep) && !/^[a-z]:/i.test(r);
  }

  isConfig(file: string): boolean {
    return file === this.configPath;
  }

  /** Whether the policy's globs take this file as a requirement file (a config never is one). */
  wants(file: string): boolean {
    if (isConfigFile(file)) return false;
    if (this.root === undefined || !this.holds(file)) return /\.req\.ya?ml$/i.test(basename(file));
    const { files, ignore } = this.workspace.policy;
    if (!this.matcher || this.matcher.files !== files || this.matcher.ignore !== ignore) {
      this.matcher = { files, ignore, test: fileSelector({ files, ignore }) };
    }
    return this.matcher.test(globPath(this.root, file));
  }

  /** Whether searching this project's folder finds this file as a deeper project's config. */
  findsConfig(file: string): boolean {
    if (this.root === undefined || !this.holds(file) || dirname(file) === this.root) return false;
    const { ignore } = this.workspace.policy;
    if (!this.configMatcher || this.configMatcher.ignore !== ignore) this.configMatcher = { ignore, test: configSelector({ ignore }) };
    return this.configMatcher.test(globPath(this.root, file));
  }
}

export class Projects {
  /** Deepest first, so a nested folder wins over the one around it. */
  private folders: Project[] = [];
  /** Workspace folders in the order the editor gave them. */
  private opened: Project[] = [];
  readonly loose: Project;

  constructor(
    private readonly today: string | undefined,
    private readonly trusted = true,
    /** See `Project.limitRaised`. */
    private readonly limitRaised?: (project: Project) => void,
    /** See `Project.store`. */
    private readonly store?: AnalysisStore,
  ) {
    this.loose = new Project(undefined, today, trusted);
  }

  /**
   * Outer projects before the ones inside them: when a file moves into a new nested project, the
   * outer one's "no diagnostics here any more" goes out before the new project's diagnostics.
   */
  all(): Project[] {
    return [...[...this.folders].reverse(), this.loose];
  }

  /** The first workspace folder's project (for reports asked for without a file), else the loose one. */
  first(): Project {
    return this.opened[0] ?? this.loose;
  }

  /** The folders of the workspace folders, in the editor's order. */
  openedRoots(): string[] {
    return this.opened.map((p) => p.root!);
  }

  /** A workspace folder, or (`nested`) a folder below one that holds a config. */
  add(root: string, nested = false): Project {
    const existing = this.folders.find((p) => p.root === root);
    if (existing) {
      if (!nested && !this.opened.includes(existing)) this.opened.push(existing);
      return existing;
    }
    const project = new Project(root, this.today, this.trusted, nested, this.limitRaised, this.store);
    if (!nested) this.opened.push(project);
    // Deepest first, so a nested folder wins over the one around it (stable for equal lengths).
    this.folders = [...this.folders, project].sort((a, b) => b.root!.length - a.root!.length);
    return project;
  }

  /** The nested projects (made by configs) whose folder is `path` or lies below it. */
  nestedAt(path: string): Project[] {
    return this.folders.filter((p) => p.nested && isInside(p.root!, path));
  }

  /** Still one of the projects (not removed while something was under way for it). */
  has(project: Project): boolean {
    return project === this.loose || this.folders.includes(project);
  }

  /** The project around this one: whose files it takes back if it goes. */
  parentOf(project: Project): Project {
    return project.root === undefined ? this.loose : this.forFile(project.root);
  }

  remove(root: string): Project | undefined {
    const gone = this.folders.find((p) => p.root === root);
    this.folders = this.folders.filter((p) => p !== gone);
    this.opened = this.opened.filter((p) => p !== gone);
    return gone;
  }

  forFile(file: string): Project {
    return this.folders.find((p) => p.holds(file)) ?? this.loose;
  }

  /** The project whose config this file is, if it is one. */
  configOwner(file: string): Project | undefined {
    if (basename(file) !== CONFIG_FILE_NAME) return undefined;
    return this.folders.find((p) => p.root === dirname(file));
  }
}
