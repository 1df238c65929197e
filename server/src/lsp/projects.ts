/**
 * The workspace folders the editor opened, each with its own engine `Workspace` and its own
 * `inbound.config.yaml`. A file belongs to the deepest folder that holds it; requirement files opened
 * from elsewhere are checked on their own, with the default policy.
 */
import { basename, dirname, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { URI } from 'vscode-uri';
import { DEFAULT_POLICY } from '../../../schemas/config';
import { CONFIG_FILE_NAME, Workspace } from '../engine';

/** The engine's name for a document: its path on disk, or its URI when it has none (untitled, virtual). */
export function fileOf(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  return URI.parse(uri).fsPath;
}

export function uriOf(file: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(file) && !/^[a-z]:[\\/]/i.test(file) ? file : URI.file(file).toString();
}

export class Project {
  readonly workspace: Workspace;
  private matcher?: { files: string[]; ignore: string[]; test: (path: string) => boolean };

  constructor(
    /** The folder on disk; undefined for the project of loose files. */
    readonly root: string | undefined,
    today: string | undefined,
    /** A workspace the editor does not trust yet: its config's regular expression is not run. */
    private readonly trusted = true,
  ) {
    this.workspace = new Workspace({ today });
  }

  /** Reads the config (undefined text: there is none). */
  applyConfig(file: string, text: string | undefined): void {
    this.workspace.setConfig(text === undefined ? undefined : file, text);
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

  /** Whether the policy's globs take this file as a requirement file. */
  wants(file: string): boolean {
    if (this.isConfig(file)) return false;
    if (this.root === undefined || !this.holds(file)) return /\.req\.ya?ml$/i.test(basename(file));
    const { files, ignore } = this.workspace.policy;
    if (!this.matcher || this.matcher.files !== files || this.matcher.ignore !== ignore) {
      const take = picomatch(files, { dot: false });
      const skip = picomatch(ignore, { dot: true });
      this.matcher = { files, ignore, test: (p) => take(p) && !skip(p) };
    }
    return this.matcher.test(relative(this.root, file).split(sep).join('/'));
  }
}

export class Projects {
  private folders: Project[] = [];
  readonly loose: Project;

  constructor(
    private readonly today: string | undefined,
    private readonly trusted = true,
  ) {
    this.loose = new Project(undefined, today, trusted);
  }

  all(): Project[] {
    return [...this.folders, this.loose];
  }

  /** The first folder's project (for reports asked for without a file), else the loose one. */
  first(): Project {
    return this.folders[0] ?? this.loose;
  }

  add(root: string): Project {
    const existing = this.folders.find((p) => p.root === root);
    if (existing) return existing;
    const project = new Project(root, this.today, this.trusted);
    // Deepest first, so a nested folder wins over the one around it.
    this.folders = [...this.folders, project].sort((a, b) => b.root!.length - a.root!.length);
    return project;
  }

  remove(root: string): Project | undefined {
    const gone = this.folders.find((p) => p.root === root);
    this.folders = this.folders.filter((p) => p !== gone);
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
