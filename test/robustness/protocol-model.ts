/**
 * The protocol fuzzer's model of the world: the texts the editor has open (with their versions) and
 * the files on disk, and the steps that change them. A step is concrete (the exact `didChange`
 * ranges, the exact bytes written, the exact watcher events), so a run's steps are its replayable
 * trace; the commands (fast-check model-based testing) choose steps from the model's current state.
 */
import fc from 'fast-check';
import type { Change, DiskTextSpec, EditSpec } from './protocol-text';
import { CONFIGS, diskText, diskTextSpec, editorText, editSpec, safeText, SEEDS, splice, throughUtf8, toChange } from './protocol-text';

// ----- the files -------------------------------------------------------------------------------

/** Requirement files (and one YAML file that is none) the steps create, edit, open and delete. */
export const FILES = ['a.req.yaml', 'b.req.yaml', 'c.req.yml', 'sub/d.req.yaml', 'sub/e.req.yml', 'sub/deep/f.req.yaml', 'notes.yaml'];
/** The workspace's config, and one that makes `sub/` a project of its own. */
export const CONFIG_FILES = ['inbound.config.yaml', 'sub/inbound.config.yaml'];
export const FOLDERS = ['sub', 'sub/deep'];
/**
 * The settle's probe in push mode: a requirement file open in the editor outside the workspace
 * folder (so no config's globs can exclude it, and its project is not the one under test). Typing
 * in it at a settle makes the server flush. The probe's own findings go out at once, without the
 * debounce; the witness beside it, whose duplicate id the probe's edit makes or undoes, is
 * republished by the flush: that publication says the flush has begun.
 */
export const PROBE = 'probe.req.yaml';
/**
 * The probe's text at its n-th version: an unknown key that names the version (so each version has
 * findings of its own), and an id that is the witness's at odd versions (so the witness, open
 * beside it, has a duplicate id then and none at even ones: news only a flush brings).
 */
export const probeText = (n: number) => `settle-${n}: x\nrequirements:\n  - id: ${n % 2 ? 'WITNESS-1' : 'PROBE-1'}\n    title: Probe\n    status: idea\n`;
export const WITNESS = 'witness.req.yaml';
/**
 * With a finding of its own (an unknown key), so that it is published from the first flush on,
 * whichever of its two states that flush finds: a clean file nobody has heard of is not published.
 */
export const WITNESS_TEXT = 'witness: x\nrequirements:\n  - id: WITNESS-1\n    title: Witness\n    status: idea\n';

/** File change types of the LSP (`FileChangeType`). */
export const CREATED = 1;
export const CHANGED = 2;
export const DELETED = 3;

export type Step =
  | { op: 'open'; file: string; version: number; text: string }
  | { op: 'change'; file: string; version: number; changes: Change[] }
  | { op: 'close'; file: string }
  /** Written to disk (no event: that is a step of its own). */
  | { op: 'write'; file: string; text: string }
  /** A file or a folder removed from disk. */
  | { op: 'remove'; file: string }
  /** `workspace/didChangeWatchedFiles`; `of`: the index of the disk step each change announces (for the shrinker). */
  | { op: 'events'; changes: FileChange[] }
  /** Wait until the server has caught up, then compare every file with `inbound check`. */
  | { op: 'settle' };

export interface FileChange {
  file: string;
  type: number;
  of?: number;
}

export interface OpenDocument {
  text: string;
  version: number;
  /** Earlier texts, oldest first, for undo. */
  history: string[];
}

export function isInside(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder + '/');
}

export class World {
  /** Raw text as written to disk (a BOM, a lone surrogate and all). */
  readonly disk = new Map<string, string>();
  readonly open = new Map<string, OpenDocument>();
  /** The last version sent per file: versions go on counting when a document is opened again. */
  readonly versions = new Map<string, number>();
  /** Watcher events held back, to arrive late (in order per file). */
  late: FileChange[] = [];
  readonly trace: Step[] = [];

  constructor(disk: Record<string, string> = {}) {
    for (const [file, text] of Object.entries(disk)) this.disk.set(file, text);
  }

  apply(step: Step): void {
    this.trace.push(step);
    switch (step.op) {
      case 'open':
        this.open.set(step.file, { text: step.text, version: step.version, history: [] });
        this.versions.set(step.file, step.version);
        break;
      case 'change': {
        const doc = this.open.get(step.file)!;
        doc.history.push(doc.text);
        if (doc.history.length > 30) doc.history.shift();
        for (const c of step.changes) doc.text = applyChange(doc.text, c);
        doc.version = step.version;
        this.versions.set(step.file, step.version);
        break;
      }
      case 'close':
        this.open.delete(step.file);
        break;
      case 'write':
        this.disk.set(step.file, step.text);
        break;
      case 'remove':
        for (const file of [...this.disk.keys()]) if (isInside(file, step.file)) this.disk.delete(file);
        break;
      case 'events':
      case 'settle':
        break;
    }
  }

  nextVersion(file: string): number {
    return (this.versions.get(file) ?? 0) + 1;
  }

  /** Every file as `inbound check` is to see it: the editor's text while open, else the disk's. */
  snapshot(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [file, text] of this.disk) out.set(file, text);
    for (const [file, doc] of this.open) out.set(file, doc.text);
    return out;
  }

  /** What the editor shows when it opens a file from disk. */
  diskAsEditorText(file: string): string | undefined {
    const raw = this.disk.get(file);
    return raw === undefined ? undefined : editorText(throughUtf8(raw));
  }
}

/** Applies an LSP content change to a text, by this model's own reading of LSP positions. */
export function applyChange(text: string, change: Change): string {
  if (!('range' in change)) return change.text;
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  const offset = (p: { line: number; character: number }) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  return text.slice(0, offset(change.range.start)) + change.text + text.slice(offset(change.range.end));
}

// ----- commands --------------------------------------------------------------------------------

/** Where the steps go: the server and the disk (protocol-harness.ts). */
export interface Real {
  perform(step: Step): Promise<void>;
  /** Push or pull: pull mode has extra steps (a pull in the middle of things). */
  readonly mode: 'push' | 'pull';
  /** A document pull now, as VS Code sends after an edit (pull mode only). */
  pullNow(file: string): Promise<void>;
}

async function act(world: World, real: Real, step: Step): Promise<void> {
  world.apply(step);
  await real.perform(step);
}

type Delivery = 'now' | 'late' | 'twice';
const delivery = fc.constantFrom<Delivery>('now', 'now', 'now', 'late', 'late', 'twice');

/**
 * Watcher events for a change on disk: sent now (sometimes twice, as watchers do), or held back to
 * arrive after later steps. An event never overtakes one held back for the same file or a folder
 * around it (a watcher keeps that order).
 */
async function announce(world: World, real: Real, changes: FileChange[], when: Delivery): Promise<void> {
  const behind = changes.some((c) => world.late.some((l) => isInside(c.file, l.file) || isInside(l.file, c.file)));
  if (when === 'late' || behind) world.late.push(...changes);
  else {
    await act(world, real, { op: 'events', changes });
    if (when === 'twice') await act(world, real, { op: 'events', changes });
  }
}

export async function flushLate(world: World, real: Real, split = false): Promise<void> {
  const late = world.late;
  world.late = [];
  if (!late.length) return;
  if (split && late.length > 1) {
    const half = Math.ceil(late.length / 2);
    await act(world, real, { op: 'events', changes: late.slice(0, half) });
    await act(world, real, { op: 'events', changes: late.slice(half) });
  } else await act(world, real, { op: 'events', changes: late });
}

type Cmd = fc.AsyncCommand<World, Real>;

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length];
}

function editable(world: World): string[] {
  return [...world.open.keys()].sort();
}

class OpenCommand implements Cmd {
  constructor(
    readonly which: number,
    readonly fresh: DiskTextSpec,
  ) {}
  check(m: Readonly<World>) {
    return [...FILES, ...CONFIG_FILES].some((f) => !m.open.has(f));
  }
  async run(m: World, r: Real) {
    const file = pick(
      [...FILES, ...CONFIG_FILES].filter((f) => !m.open.has(f)),
      this.which,
    );
    // From disk, or a new file that is not saved yet.
    const text = m.diskAsEditorText(file) ?? safeText(file.endsWith('config.yaml') ? pick(CONFIGS, this.which) : diskText(undefined, this.fresh));
    await act(m, r, { op: 'open', file, version: m.nextVersion(file), text });
  }
  toString() {
    return `open(${this.which})`;
  }
}

export class EditCommand implements Cmd {
  constructor(
    readonly which: number,
    readonly edits: EditSpec[],
  ) {}
  check(m: Readonly<World>) {
    return editable(m as World).length > 0;
  }
  async run(m: World, r: Real) {
    const file = pick(editable(m), this.which);
    const doc = m.open.get(file)!;
    let text = doc.text;
    const changes: Change[] = [];
    for (const spec of this.edits) {
      // A text grown past 40,000 characters goes back to the oldest text kept for undo.
      const s = text.length > 40_000 ? { whole: doc.history[0] ?? '' } : splice(text, spec, doc.history);
      if (!s) continue;
      if ('whole' in s) {
        changes.push({ text: s.whole });
        text = s.whole;
      } else {
        const { change, after } = toChange(text, s);
        changes.push(change);
        text = after;
      }
    }
    if (!changes.length) return;
    await act(m, r, { op: 'change', file, version: m.nextVersion(file), changes });
    if (r.mode === 'pull' && this.which % 4 === 0) await r.pullNow(file);
  }
  toString() {
    return `edit(${this.which}, ${JSON.stringify(this.edits)})`;
  }
}

class CloseCommand implements Cmd {
  constructor(readonly which: number) {}
  check(m: Readonly<World>) {
    return editable(m as World).length > 0;
  }
  async run(m: World, r: Real) {
    const file = pick(editable(m), this.which);
    await act(m, r, { op: 'close', file });
  }
  toString() {
    return `close(${this.which})`;
  }
}

class SaveCommand implements Cmd {
  constructor(
    readonly which: number,
    readonly when: Delivery,
  ) {}
  check(m: Readonly<World>) {
    return editable(m as World).length > 0;
  }
  async run(m: World, r: Real) {
    const file = pick(editable(m), this.which);
    const existed = m.disk.has(file);
    await act(m, r, { op: 'write', file, text: m.open.get(file)!.text });
    await announce(m, r, [{ file, type: existed ? CHANGED : CREATED, of: m.trace.length - 1 }], this.when);
  }
  toString() {
    return `save(${this.which}, ${this.when})`;
  }
}

/** A file written on disk, open in the editor or not (while it is open, the editor's text wins). */
class WriteCommand implements Cmd {
  constructor(
    readonly which: number,
    readonly spec: DiskTextSpec,
    readonly when: Delivery,
    readonly type: number,
  ) {}
  check() {
    return true;
  }
  async run(m: World, r: Real) {
    const file = pick(FILES, this.which);
    const existed = m.disk.has(file);
    await act(m, r, { op: 'write', file, text: diskText(m.disk.get(file), this.spec) });
    // A watcher may call a change a creation, and the other way round.
    await announce(m, r, [{ file, type: this.type === DELETED ? (existed ? CHANGED : CREATED) : this.type, of: m.trace.length - 1 }], this.when);
  }
  toString() {
    return `write(${this.which}, ${JSON.stringify(this.spec)}, ${this.when}, ${this.type})`;
  }
}

class DeleteCommand implements Cmd {
  constructor(
    readonly which: number,
    readonly when: Delivery,
  ) {}
  check(m: Readonly<World>) {
    return FILES.some((f) => m.disk.has(f));
  }
  async run(m: World, r: Real) {
    const file = pick(
      FILES.filter((f) => m.disk.has(f)),
      this.which,
    );
    await act(m, r, { op: 'remove', file });
    await announce(m, r, [{ file, type: DELETED, of: m.trace.length - 1 }], this.when);
  }
  toString() {
    return `delete(${this.which}, ${this.when})`;
  }
}

/** A rename on disk: the watcher reports the old name deleted and the new one created, together. */
class RenameCommand implements Cmd {
  constructor(
    readonly which: number,
    readonly to: number,
    readonly when: Delivery,
  ) {}
  check(m: Readonly<World>) {
    return FILES.some((f) => m.disk.has(f)) && FILES.some((f) => !m.disk.has(f));
  }
  async run(m: World, r: Real) {
    const from = pick(
      FILES.filter((f) => m.disk.has(f)),
      this.which,
    );
    const to = pick(
      FILES.filter((f) => !m.disk.has(f)),
      this.to,
    );
    const text = m.disk.get(from)!;
    await act(m, r, { op: 'write', file: to, text });
    await act(m, r, { op: 'remove', file: from });
    await announce(
      m,
      r,
      [
        { file: from, type: DELETED, of: m.trace.length - 1 },
        { file: to, type: CREATED, of: m.trace.length - 2 },
      ],
      this.when,
    );
  }
  toString() {
    return `rename(${this.which}, ${this.to}, ${this.when})`;
  }
}

/** A config written or deleted: severities, policy, globs, broken ones. */
class ConfigCommand implements Cmd {
  constructor(
    readonly which: number,
    /** An index into CONFIGS, or -1: delete. */
    readonly config: number,
    readonly when: Delivery,
  ) {}
  check() {
    return true;
  }
  async run(m: World, r: Real) {
    const file = pick(CONFIG_FILES, this.which);
    const existed = m.disk.has(file);
    if (this.config < 0) {
      if (!existed) return;
      await act(m, r, { op: 'remove', file });
      await announce(m, r, [{ file, type: DELETED, of: m.trace.length - 1 }], this.when);
      return;
    }
    await act(m, r, { op: 'write', file, text: pick(CONFIGS, this.config) });
    await announce(m, r, [{ file, type: existed ? CHANGED : CREATED, of: m.trace.length - 1 }], this.when);
  }
  toString() {
    return `config(${this.which}, ${this.config}, ${this.when})`;
  }
}

/** A folder deleted (documents under it may be open): the watcher names only the folder. */
class DeleteFolderCommand implements Cmd {
  constructor(
    readonly which: number,
    readonly when: Delivery,
  ) {}
  private deletable(m: Readonly<World>): string[] {
    return FOLDERS.filter((d) => [...m.disk.keys()].some((f) => isInside(f, d)));
  }
  check(m: Readonly<World>) {
    return this.deletable(m).length > 0;
  }
  async run(m: World, r: Real) {
    const folder = pick(this.deletable(m), this.which);
    await act(m, r, { op: 'remove', file: folder });
    await announce(m, r, [{ file: folder, type: DELETED, of: m.trace.length - 1 }], this.when);
  }
  toString() {
    return `deleteFolder(${this.which}, ${this.when})`;
  }
}

class FlushLateCommand implements Cmd {
  constructor(readonly split: boolean) {}
  check(m: Readonly<World>) {
    return m.late.length > 0;
  }
  async run(m: World, r: Real) {
    await flushLate(m, r, this.split);
  }
  toString() {
    return `flushLate(${this.split})`;
  }
}

class SettleCommand implements Cmd {
  check() {
    return true;
  }
  async run(m: World, r: Real) {
    await flushLate(m, r);
    await act(m, r, { op: 'settle' });
  }
  toString() {
    return 'settle';
  }
}

const which = fc.nat({ max: 1000 });

/** One notification holds one change mostly, sometimes several. */
export const edits = fc.array(editSpec, { minLength: 1, maxLength: 3 }).chain((all) => fc.constantFrom(all.slice(0, 1), all.slice(0, 1), all));

/** Each entry is equally likely: repeated entries weigh more. Typing is most of what happens. */
export const commands: fc.Arbitrary<Cmd>[] = [
  ...Array.from({ length: 16 }, () => fc.tuple(which, edits).map(([w, e]) => new EditCommand(w, e))),
  ...Array.from({ length: 3 }, () => fc.tuple(which, diskTextSpec).map(([w, s]) => new OpenCommand(w, s))),
  which.map((w) => new CloseCommand(w)),
  fc.tuple(which, delivery).map(([w, d]) => new SaveCommand(w, d)),
  ...Array.from({ length: 3 }, () =>
    fc.tuple(which, diskTextSpec, delivery, fc.constantFrom(CREATED, CHANGED, DELETED)).map(([w, s, d, t]) => new WriteCommand(w, s, d, t)),
  ),
  fc.tuple(which, delivery).map(([w, d]) => new DeleteCommand(w, d)),
  fc.tuple(which, which, delivery).map(([w, t, d]) => new RenameCommand(w, t, d)),
  ...Array.from({ length: 2 }, () =>
    fc.tuple(which, fc.integer({ min: -1, max: CONFIGS.length - 1 }), delivery).map(([w, c, d]) => new ConfigCommand(w, c, d)),
  ),
  fc.tuple(which, delivery).map(([w, d]) => new DeleteFolderCommand(w, d)),
  fc.boolean().map((s) => new FlushLateCommand(s)),
  ...Array.from({ length: 3 }, () => fc.constant(new SettleCommand())),
];

// ----- the starting workspace ------------------------------------------------------------------

export interface Start {
  disk: Record<string, string>;
  /** Files the editor opens first (indexes into FILES and CONFIG_FILES; one not on disk is a new, unsaved one). */
  open: number[];
  debounceMs: number;
}

const seedText = fc
  .record({ seed: fc.nat({ max: SEEDS.length - 1 }), bom: fc.boolean(), crlf: fc.boolean() })
  .map((s) => diskText(undefined, { from: 'seed', ...s }));

/** A few requirement files from the seeds, maybe a config, maybe one in `sub/`. */
export const start: fc.Arbitrary<Start> = fc
  .record({
    files: fc.tuple(...FILES.map(() => fc.option(seedText, { freq: 2 }))),
    root: fc.option(fc.nat({ max: CONFIGS.length - 1 }), { freq: 2 }),
    sub: fc.option(fc.nat({ max: CONFIGS.length - 1 }), { freq: 6 }),
    open: fc.uniqueArray(fc.nat({ max: FILES.length + CONFIG_FILES.length - 1 }), { maxLength: 3 }),
    debounceMs: fc.constantFrom(0, 0, 5, 30),
  })
  .map(({ files, root, sub, open, debounceMs }) => {
    const disk: Record<string, string> = {};
    FILES.forEach((f, i) => {
      if (files[i] !== null) disk[f] = files[i]!;
    });
    if (root !== null) disk[CONFIG_FILES[0]] = CONFIGS[root];
    if (sub !== null) disk[CONFIG_FILES[1]] = CONFIGS[sub];
    return {
      disk,
      open,
      debounceMs,
      [fc.toStringMethod]: () => `start(${JSON.stringify(Object.keys(disk))}, open ${JSON.stringify(open)}, debounce ${debounceMs} ms)`,
    };
  });

/** The editor opens the start's files: from disk, or new ones with a seed's text. */
export async function openAtStart(world: World, real: Real, s: Start): Promise<void> {
  for (const i of s.open) {
    const file = [...FILES, ...CONFIG_FILES][i];
    const text = world.diskAsEditorText(file) ?? safeText(file.endsWith('config.yaml') ? pick(CONFIGS, i) : editorText(SEEDS[i % SEEDS.length].text));
    await act(world, real, { op: 'open', file, version: world.nextVersion(file), text });
  }
}
