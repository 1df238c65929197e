/**
 * Reading the projects from disk: every requirement file the config's globs select, in batches that
 * let the editor's messages in between; the configs found below a project become projects of their
 * own; and the files the editor's watcher reports as created, changed or deleted (a config among
 * them adds or removes a project). The editor's text wins over the disk while a document is open.
 */
import { join } from 'node:path';
import { FileChangeType } from 'vscode-languageserver';
import type { Connection, FileEvent } from 'vscode-languageserver';
import { CONFIG_FILE_NAME, isConfigFile } from '../node/project-tree';
import { discover, readText, readTextNow, yieldToEvents } from './indexer';
import { fileOf, uriOf } from './projects';
import type { Project } from './projects';
import type { ServerState } from './server-state';

const BATCH = 50;

export interface IndexingHooks {
  log(message: string): void;
  /** Indexing started or ended: the status bar says so. */
  busyChanged(): void;
  /** Files were read or dropped: their diagnostics are due. */
  filesChanged(now: boolean): void;
}

export class Indexer {
  /** Per project: a counter that makes an older indexing run give way to a newer one. */
  private readonly runs = new Map<Project, number>();
  private running = 0;
  /** File events are handled one batch after another: a delete must not overtake the read of the create before it. */
  private fileEvents = Promise.resolve();
  canProgress = false;

  constructor(
    private readonly connection: Connection,
    private readonly state: ServerState,
    private readonly hooks: IndexingHooks,
  ) {}

  get busy(): boolean {
    return this.running > 0;
  }

  async indexProject(project: Project): Promise<void> {
    const { state } = this;
    const run = (this.runs.get(project) ?? 0) + 1;
    this.runs.set(project, run);
    // A newer run for the project, or the project gone (its config deleted meanwhile).
    const stale = () => this.runs.get(project) !== run || !state.projects.has(project);
    this.running++;
    this.hooks.busyChanged();
    const progress = this.canProgress ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Inbound', 0, 'Reading requirement files…', false);
    try {
      const configPath = project.configPath!;
      if (!state.isOpen(uriOf(configPath))) {
        const configText = await readText(configPath);
        if (stale()) return;
        project.applyConfig(configPath, configText);
      }
      const scan = await discover(project);
      if (stale()) return;
      this.nestedFound(project, scan.nested);
      // Not the files of a workspace folder opened inside this one either: they are its.
      const found = scan.files.filter((f) => state.projects.forFile(f) === project);
      const keep = new Set(found);
      for (const file of project.workspace.fileNames()) {
        if (!keep.has(file) && !state.isOpen(uriOf(file))) project.workspace.deleteFile(file);
      }
      for (let i = 0; i < found.length; i += BATCH) {
        const batch = found.slice(i, i + BATCH);
        const texts = await Promise.all(batch.map((f) => (state.isOpen(uriOf(f)) ? undefined : readText(f))));
        if (stale()) return;
        batch.forEach((file, j) => {
          const text = texts[j];
          if (text !== undefined) project.workspace.setFile(file, text);
        });
        progress?.report(Math.round(((i + batch.length) / found.length) * 100), `${i + batch.length} of ${found.length} files`);
        await yieldToEvents();
        if (stale()) return;
      }
      for (const doc of state.documents.all()) if (project.holds(fileOf(doc.uri))) state.markPending(doc.uri);
      this.hooks.log(`Indexed ${found.length} requirement files in ${project.root}`);
    } catch (e) {
      this.hooks.log(`Indexing ${project.root} failed: ${(e as Error).message}`);
    } finally {
      this.running--;
      progress?.done();
      this.hooks.filesChanged(true);
    }
  }

  /**
   * The configs a search of `project` found just below it are projects; nested projects of it whose
   * config is no longer there (and not open in the editor) are gone, their files back to `project`.
   */
  private nestedFound(project: Project, folders: string[]): void {
    const { state } = this;
    const found = new Set(folders);
    for (const child of state.projects.nestedAt(project.root!)) {
      if (child === project || state.projects.parentOf(child) !== project || found.has(child.root!)) continue;
      if (state.isOpen(uriOf(child.configPath!))) continue;
      state.removeNestedProject(child, false);
    }
    for (const folder of folders) {
      if (!state.projects.configOwner(join(folder, CONFIG_FILE_NAME))) state.addNestedProject(join(folder, CONFIG_FILE_NAME));
    }
  }

  /** A closed document goes back to what is on disk: the editor's unsaved text is gone with it. */
  documentClosed(uri: string): void {
    const { state } = this;
    // Read at once, so no request after the close can see the closed buffer.
    state.forget(uri);
    const file = fileOf(uri);
    const text = file === uri ? undefined : readTextNow(file);
    const owner = state.projects.configOwner(file);
    // A config that was only ever in the editor (never saved) takes its project with it.
    if (owner && text === undefined && owner.nested) state.removeNestedProject(owner);
    else if (owner) state.applyConfig(owner, file, text);
    else {
      const project = state.projects.forFile(file);
      if (text !== undefined && project.wants(file) && project.root !== undefined) project.workspace.setFile(file, text);
      else project.workspace.deleteFile(file);
    }
    this.hooks.filesChanged(false);
  }

  /** Files created, changed or deleted on disk, as the editor's watcher reports them. */
  filesEvents(changes: readonly FileEvent[]): void {
    const { state } = this;
    this.fileEvents = this.fileEvents
      .then(async () => {
        for (const change of changes) {
          const file = fileOf(change.uri);
          if (state.isOpen(change.uri)) continue; // the editor's text wins while it is open
          const owner = state.projects.configOwner(file);
          if (owner) {
            const text = change.type === FileChangeType.Deleted ? undefined : await readText(file);
            if (text === undefined && owner.nested) state.removeNestedProject(owner);
            else state.applyConfig(owner, file, text);
            continue;
          }
          // A new config below a project: its folder becomes a project, with the files there.
          if (change.type !== FileChangeType.Deleted && isConfigFile(file)) {
            const text = await readText(file);
            if (text !== undefined) state.addNestedProject(file, text);
            continue;
          }
          const project = state.projects.forFile(file);
          if (change.type === FileChangeType.Deleted) {
            if (!project.workspace.deleteFile(file)) {
              // A folder went away: everything under it, nested projects included.
              for (const f of project.workspace.fileNames()) if (f.startsWith(file + '/') || f.startsWith(file + '\\')) project.workspace.deleteFile(f);
              for (const gone of state.projects.nestedAt(file)) state.removeNestedProject(gone, false);
            }
            continue;
          }
          if (!project.wants(file) || project.root === undefined) continue;
          const text = await readText(file);
          if (text === undefined) project.workspace.deleteFile(file);
          else project.workspace.setFile(file, text);
        }
        this.hooks.filesChanged(false);
      })
      .catch((e: unknown) => this.hooks.log(`Inbound: file changes failed: ${(e as Error).message}`));
  }
}
