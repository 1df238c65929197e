/**
 * What the server knows: the editor's open documents and the projects (workspace folders, each
 * with its engine `Workspace`). Keeps the engine in step with the editor's text: an edit is only
 * marked here, and given to the engine when something needs it (a request, or the next flush), so
 * a burst of keystrokes costs one analysis.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocuments } from 'vscode-languageserver';
import type { DocumentView } from './document-view';
import { fileOf, Projects } from './projects';
import type { Project } from './projects';

export class ServerState {
  readonly documents = new TextDocuments(TextDocument);
  projects = new Projects(undefined);
  /** Open documents changed since the engine last read them. */
  private readonly pending = new Set<string>();

  /**
   * @param onGlobsChanged a project's config now selects other files: its folder is searched again.
   */
  constructor(private readonly onGlobsChanged: (project: Project) => void) {}

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
    const owner = this.projects.configOwner(file);
    if (owner) {
      this.applyConfig(owner, file, doc.getText());
      return;
    }
    const project = this.projects.forFile(file);
    if (!project.wants(file)) return;
    project.workspace.setFile(file, doc.getText());
    project.workspace.touch(file);
  }

  syncAll(): void {
    for (const uri of [...this.pending]) this.syncDocument(uri);
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
    if (JSON.stringify([files, ignore]) !== JSON.stringify([after.files, after.ignore])) this.onGlobsChanged(project);
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
