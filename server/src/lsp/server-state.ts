/**
 * What the server knows: the editor's open documents and the projects (workspace folders and the
 * folders of configs below them, each with its engine `Workspace`). Keeps the engine in step with
 * the editor's text: an edit is only marked here, and given to the engine when something needs it
 * (a request, or the next flush), so a burst of keystrokes costs one analysis.
 */
import { dirname } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocuments } from 'vscode-languageserver';
import type { DocumentView } from './document-view';
import { isConfigFile } from '../paths/project-globs';
import { fileOf, Projects } from './projects';
import type { Project } from './projects';

export interface StateHooks {
  /** The project's files are to be read from disk again (a new project, or other globs). */
  reindex(project: Project): void;
  /** The project is gone: its files' diagnostics are to be cleared. */
  removed(project: Project): void;
}

export class ServerState {
  readonly documents = new TextDocuments(TextDocument);
  projects = new Projects(undefined);
  /** Open documents changed since the engine last read them. */
  private readonly pending = new Set<string>();

  constructor(private readonly hooks: StateHooks) {}

  /** An open document changed: the engine reads it when it is next needed. */
  markPending(uri: string): void {
    this.pending.add(uri);
  }

  forget(uri: string): void {
    this.pending.delete(uri);
  }

  isPending(uri: string): boolean {
    return this.pending.has(uri);
  }

  versionOf(uri: string): number | null {
    return this.documents.get(uri)?.version ?? null;
  }

  isOpen(uri: string): boolean {
    return this.documents.get(uri) !== undefined;
  }

  /** Gives the engine the open document's current text, if it has not seen it yet. */
  syncDocument(uri: string): void {
    this.pending.delete(uri);
    const doc = this.documents.get(uri);
    if (!doc) return;
    const file = fileOf(uri);
    // A config opened in the editor (a new one, not yet saved) makes its folder a project at once.
    const owner = this.projects.configOwner(file) ?? this.addNestedProject(file, doc.getText());
    if (owner) {
      this.applyConfig(owner, file, doc.getText());
      return;
    }
    const project = this.projects.forFile(file);
    // Not (or no longer: the config's globs changed) a requirement file: an analysis kept from
    // before would go on showing its findings and lending its ids to the other files.
    if (!project.wants(file)) {
      project.workspace.deleteFile(file);
      return;
    }
    const analysis = project.workspace.setFile(file, doc.getText(), undefined, true);
    project.workspace.touch(file);
    // Restored from the cache of the last session: its findings can go out now, and the next sync
    // (the next publication, request or flush) reads it afresh for editing.
    if (analysis.restored) this.pending.add(uri);
  }

  /** `wait`: documents to leave pending for now. */
  syncAll(wait?: (uri: string) => boolean): void {
    for (const uri of [...this.pending]) if (!wait?.(uri)) this.syncDocument(uri);
  }

  /** The project a document belongs to: the one it is the config of, else the one holding it. */
  projectOf(uri: string): Project {
    const file = fileOf(uri);
    return this.projects.configOwner(file) ?? this.projects.forFile(file);
  }

  /**
   * A document (not a config: giving the engine a config is what makes it known) in a project whose
   * config has not been read yet: judged now, by the default policy, its findings could be wrong.
   */
  awaitsConfig(uri: string): boolean {
    return !isConfigFile(fileOf(uri)) && !this.projectOf(uri).configKnown;
  }

  /** Every project, with pending edits given to the engine first: for workspace-wide features. */
  fresh(): Projects {
    this.syncAll();
    return this.projects;
  }

  /** A changed config re-applies the policy at once; changed globs need the folder searched again. */
  applyConfig(project: Project, file: string, text: string | undefined): void {
    const { files, ignore } = project.workspace.policy;
    project.applyConfig(file, text);
    const after = project.workspace.policy;
    if (JSON.stringify([files, ignore]) !== JSON.stringify([after.files, after.ignore])) this.hooks.reindex(project);
  }

  /**
   * A config appeared below a project (on disk, or opened in the editor): its folder becomes a
   * project, which takes the files there from the project around it and reads them. Returns the
   * new project, or undefined if this is no such config (a folder's own, one outside every
   * folder, or one in a place the project around it does not search).
   */
  addNestedProject(configFile: string, text?: string): Project | undefined {
    if (!isConfigFile(configFile) || this.projects.configOwner(configFile)) return undefined;
    const parent = this.projects.forFile(configFile);
    if (!parent.findsConfig(configFile)) return undefined;
    const project = this.projects.add(dirname(configFile), true);
    if (text !== undefined) project.applyConfig(configFile, text);
    this.handOver(parent, project);
    this.hooks.reindex(project);
    return project;
  }

  /**
   * A nested project's config is gone: the project around it takes its files back and (unless the
   * caller is reading it anyway, or the folder went too) reads them.
   */
  removeNestedProject(project: Project, reindexParent = true): void {
    if (!project.nested || !this.projects.remove(project.root!)) return;
    const parent = this.projects.forFile(project.root!);
    for (const file of project.workspace.fileNames()) project.workspace.deleteFile(file);
    project.applyConfig('', undefined);
    this.hooks.removed(project);
    this.handOver(project, parent);
    if (reindexParent) this.hooks.reindex(parent);
  }

  /** Files of `from` that now belong to `to` leave `from`; open ones are given to `to` when next needed. */
  private handOver(from: Project, to: Project): void {
    for (const file of from.workspace.fileNames()) {
      if (this.projects.forFile(file) === to) from.workspace.deleteFile(file);
    }
    for (const doc of this.documents.all()) {
      const file = fileOf(doc.uri);
      if (this.projects.forFile(file) === to && !this.projects.configOwner(file)) this.markPending(doc.uri);
    }
  }

  /** The document as the features see it, with its pending edit applied. */
  view(uri: string): DocumentView | undefined {
    if (this.pending.has(uri)) this.syncDocument(uri);
    const file = fileOf(uri);
    const owner = this.projects.configOwner(file);
    const project = owner ?? this.projects.forFile(file);
    const lines = project.workspace.linesOf(file);
    if (!lines) return undefined;
    return {
      uri,
      file,
      project,
      text: lines.text,
      lines,
      analysis: project.workspace.get(file),
      isConfig: !!owner,
      version: this.versionOf(uri),
    };
  }
}
