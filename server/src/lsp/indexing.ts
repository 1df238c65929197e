/**
 * Reading the projects from disk: every requirement file the config's globs select, in batches that
 * let the editor's messages in between; the configs found below a project become projects of their
 * own; and the files the editor's watcher reports as created, changed or deleted (a config among
 * them adds or removes a project). The editor's text wins over the disk while a document is open.
 */
import { dirname, join } from 'node:path';
import { FileChangeType } from 'vscode-languageserver';
import type { Connection, FileEvent } from 'vscode-languageserver';
import { CONFIG_FILE_NAME, isConfigFile } from '../paths/project-globs';
import { yieldToEvents } from './file-access';
import type { FileAccess } from './file-access';
import { fileOf, rememberConfigRead, uriOf } from './projects';
import type { Project } from './projects';
import type { ServerState } from './server-state';

const BATCH = 50;

export interface IndexingHooks {
  log(message: string): void;
  /** Indexing started or ended: the status bar says so. */
  busyChanged(): void;
  /** Files were read or dropped: their diagnostics are due. */
  filesChanged(now: boolean): void;
  /** Files of a project being indexed were read (the open ones first): their own findings may go out now. */
  filesRead(project: Project, files: readonly string[]): void;
  /** A project has been read whole. */
  indexed(): void;
}

export class Indexer {
  /** Per project: a counter that makes an older indexing run give way to a newer one. */
  private readonly runs = new Map<Project, number>();
  private running = 0;
  /** Projects being read now (runs of each): their cross-file findings wait until the reading is done. */
  private readonly reading = new Map<Project, number>();
  /** File events are handled one batch after another: a delete must not overtake the read of the create before it. */
  private fileEvents = Promise.resolve();
  /** Closed documents whose files are being read back from disk: requests wait for them (see `closedRead`). */
  private readonly closing = new Set<Promise<void>>();
  /** Reads queued after `fileEvents` (watcher events, closed documents) not yet done: the server is reading files. */
  private queued = 0;
  /**
   * The files the watcher's events read while a project was being indexed, numbered in order: a run
   * does not drop a file its search did not list if the watcher read it after the run began (it was
   * created meanwhile). Cleared when no run is left.
   */
  private eventReads = 0;
  private readonly readByEvent = new Map<string, number>();
  canProgress = false;

  constructor(
    private readonly connection: Connection,
    private readonly state: ServerState,
    private readonly hooks: IndexingHooks,
    /** Where a path's files are read: the disk, or the editor (see file-access.ts). */
    private readonly access: (path: string) => FileAccess,
  ) {}

  /**
   * Reading files: a project being indexed, or files the watcher reported (or a closed document's)
   * being read. Reads are asynchronous, so the status says so until they are in the engine: a client
   * that waits for "not indexing" then sees every change it reported.
   */
  get busy(): boolean {
    return this.running > 0 || this.queued > 0;
  }

  /** The project's folder is being read: what the cross-file rules say of it is not known yet. */
  isReading(project: Project): boolean {
    return this.reading.has(project);
  }

  /** Work that reads from disk, in turn after the file events before it (a delete must not overtake the create before it). */
  private enqueue(what: string, work: () => Promise<void>): Promise<void> {
    if (this.queued++ === 0) this.hooks.busyChanged();
    const done = this.fileEvents
      .then(work)
      .catch((e: unknown) => this.hooks.log(`Inbound: ${what} failed: ${(e as Error).message}`))
      .finally(() => {
        // The last read done: the diagnostics go out now, before the status says reading is over,
        // so whoever waits for that sees them.
        if (--this.queued > 0) return;
        this.hooks.filesChanged(true);
        this.hooks.busyChanged();
      });
    this.fileEvents = done;
    return done;
  }

  async indexProject(project: Project): Promise<void> {
    const { state } = this;
    const run = (this.runs.get(project) ?? 0) + 1;
    this.runs.set(project, run);
    // A newer run for the project, or the project gone (its config deleted meanwhile).
    const stale = () => this.runs.get(project) !== run || !state.projects.has(project);
    // Files the watcher reads from here on are newer than what the search below may list.
    const started = this.eventReads;
    this.running++;
    this.reading.set(project, (this.reading.get(project) ?? 0) + 1);
    this.hooks.busyChanged();
    const progress = this.canProgress ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Inbound', 0, 'Reading requirement files…', false);
    try {
      const configPath = project.configPath!;
      if (!state.isOpen(uriOf(configPath))) {
        const config = await this.access(project.root!).readConfigText(project.root!, configPath);
        if (stale()) return;
        rememberConfigRead(configPath, config);
        project.applyConfig(configPath, config?.text);
      }
      const files = this.access(project.root!);
      const scan = await files.discover(project);
      if (stale()) return;
      this.nestedFound(project, scan.nested);
      if (scan.outside?.length) {
        this.hooks.log(`Not read: ${scan.outside.length} symbolic link(s) in ${project.root} that lead out of it (${scan.outside.slice(0, 5).join(', ')})`);
      }
      // Not the files of a workspace folder opened inside this one either: they are its.
      const found = scan.files.filter((f) => state.projects.forFile(f) === project);
      const keep = new Set(found);
      for (const file of project.workspace.fileNames()) {
        // Not one the watcher reported and read while the folder was being searched: it is newer.
        if (!keep.has(file) && !state.isOpen(uriOf(file)) && (this.readByEvent.get(file) ?? -1) < started) project.workspace.deleteFile(file);
      }
      // The files in front of the user first: the open ones are the editor's text, at hand now.
      const open = state.documents.all().map((d) => d.uri).filter((u) => project.holds(fileOf(u)) && !state.projects.configOwner(fileOf(u)));
      for (const u of open) state.syncDocument(u);
      this.hooks.filesRead(project, open.map(fileOf));
      // Every file is checked against the folder's real path (the rule for links): looked up once.
      const realRoot = await files.realFolder(project.root!);
      for (let i = 0; i < found.length; i += BATCH) {
        const batch = found.slice(i, i + BATCH);
        const reads = await Promise.all(batch.map((f) => (state.isOpen(uriOf(f)) ? undefined : files.readText(project, f, realRoot))));
        if (stale()) return;
        const read: string[] = [];
        batch.forEach((file, j) => {
          const text = reads[j];
          // Asked again now: a config that appeared during the reads made its folder a project,
          // which took these files and reads them itself.
          if (text !== undefined && !state.isOpen(uriOf(file)) && state.projects.forFile(file) === project) {
            project.workspace.setFile(file, text.text, text.source);
            read.push(file);
          }
        });
        this.hooks.filesRead(project, read);
        progress?.report(Math.round(((i + batch.length) / found.length) * 100), `${i + batch.length} of ${found.length} files`);
        await yieldToEvents();
        if (stale()) return;
      }
      for (const doc of state.documents.all()) if (project.holds(fileOf(doc.uri))) state.markPending(doc.uri);
      this.hooks.log(`Indexed ${found.length} requirement files in ${project.root}`);
      this.hooks.indexed();
    } catch (e) {
      this.hooks.log(`Indexing ${project.root} failed: ${(e as Error).message}`);
      // The open documents waiting for the config (ServerState.awaitsConfig) are judged by what
      // there is rather than never.
      project.configKnown = true;
    } finally {
      if (--this.running === 0) this.readByEvent.clear();
      const left = (this.reading.get(project) ?? 1) - 1;
      if (left > 0) this.reading.set(project, left);
      else this.reading.delete(project);
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

  /**
   * Resolves when every document closed so far has been read back from disk; undefined when none is
   * being read. A request after a close waits for it (session.ts), so it never sees the closed
   * editor's unsaved text, while the read itself does not block the server.
   */
  closedRead(): Promise<void> | undefined {
    return this.closing.size ? Promise.all(this.closing).then(() => undefined) : undefined;
  }

  /**
   * A closed document goes back to what is on disk: the editor's unsaved text is gone with it. The
   * read does not block the server (a file as large as max-file-kb, or on a slow disk, would hold up
   * every request); until it lands, the engine keeps the editor's last text (so the file's ids do
   * not flicker out of the other files' findings) and requests wait for it (`closedRead`). It takes
   * its turn with the watcher's events, so a deletion reported after the close is not overtaken.
   */
  documentClosed(uri: string): void {
    const { state } = this;
    state.forget(uri);
    const file = fileOf(uri);
    const read = this.enqueue(`reading ${file} again`, async () => {
      const owner = state.projects.configOwner(file);
      const project = owner ?? state.projects.forFile(file);
      const read = this.access(file);
      const disk = file === uri ? undefined : owner ? await read.readConfigText(owner.root!, file) : project.wants(file) ? await read.readText(project, file) : undefined;
      // Opened again meanwhile: the editor's text wins.
      if (state.isOpen(uri)) return;
      if (owner) {
        rememberConfigRead(file, disk);
        // A config that was only ever in the editor (never saved) takes its project with it.
        if (disk === undefined && owner.nested) state.removeNestedProject(owner);
        else state.applyConfig(owner, file, disk?.text);
      } else if (disk !== undefined && state.projects.forFile(file) === project) {
        project.workspace.setFile(file, disk.text, disk.source);
      } else {
        project.workspace.deleteFile(file);
      }
      this.hooks.filesChanged(false);
    });
    this.closing.add(read);
    void read.then(() => this.closing.delete(read));
  }

  /**
   * max-file-kb went up: files read only up to their first line (too large before) are read again,
   * whole if they now fit. In turn with the watcher's events, like every read of a single file.
   */
  limitRaised(project: Project): void {
    const { state } = this;
    void this.enqueue('reading large files again', async () => {
      const heads = project.workspace.analyses().filter((a) => a.source?.size !== undefined);
      for (const { file } of heads) {
        if (state.isOpen(uriOf(file))) continue;
        const read = await this.access(file).readText(project, file);
        if (!state.projects.has(project) || state.isOpen(uriOf(file))) continue;
        if (read === undefined) project.workspace.deleteFile(file);
        else project.workspace.setFile(file, read.text, read.source);
      }
      this.hooks.filesChanged(false);
    });
  }

  /** Files created, changed or deleted on disk, as the editor's watcher reports them. */
  filesEvents(changes: readonly FileEvent[]): void {
    const { state } = this;
    void this.enqueue('file changes', async () => {
      for (const change of changes) {
        const file = fileOf(change.uri);
        if (state.isOpen(change.uri)) continue; // the editor's text wins while it is open
        const owner = state.projects.configOwner(file);
        if (owner) {
          const read = change.type === FileChangeType.Deleted ? undefined : await this.access(file).readConfigText(owner.root!, file);
          if (state.isOpen(change.uri)) continue;
          rememberConfigRead(file, read);
          if (read === undefined && owner.nested) state.removeNestedProject(owner);
          else state.applyConfig(owner, file, read?.text);
          continue;
        }
        // A new config below a project: its folder becomes a project, with the files there.
        if (change.type !== FileChangeType.Deleted && isConfigFile(file)) {
          const read = state.projects.forFile(file).root === undefined ? undefined : await this.access(file).readConfigText(dirname(file), file);
          if (read === undefined || state.isOpen(change.uri)) continue;
          rememberConfigRead(file, read);
          state.addNestedProject(file, read.text);
          continue;
        }
        const project = state.projects.forFile(file);
        if (change.type === FileChangeType.Deleted) {
          if (!project.workspace.deleteFile(file)) {
            // A folder went away: everything under it, nested projects included; not a document
            // still open in the editor, whose text wins while it is open.
            for (const f of project.workspace.fileNames()) {
              if ((f.startsWith(file + '/') || f.startsWith(file + '\\')) && !state.isOpen(uriOf(f))) project.workspace.deleteFile(f);
            }
            for (const gone of state.projects.nestedAt(file)) state.removeNestedProject(gone, false);
          }
          continue;
        }
        if (!project.wants(file) || project.root === undefined) continue;
        // Read for its project: a link that leads out of the project's folder is not followed.
        const read = await this.access(file).readText(project, file);
        // The read took a while: the project (its folder, its globs) may have changed meanwhile.
        if (state.isOpen(change.uri) || state.projects.forFile(file) !== project || !project.wants(file)) continue;
        if (this.running > 0) this.readByEvent.set(file, this.eventReads++);
        if (read === undefined) project.workspace.deleteFile(file);
        else project.workspace.setFile(file, read.text, read.source);
      }
      this.hooks.filesChanged(false);
    });
  }
}
