/**
 * The cache file behind `--cache`: each requirement file's stored analysis (engine/stored-analysis.ts)
 * under the hash of the text it was made from and of the effective config, in one file written for
 * one engine version. What it cannot vouch for is never used: a file that is missing, cut short,
 * corrupt, of another engine version or not a cache at all is ignored (and rewritten at the end of
 * the run), and an entry is used only for exactly the text and config it was made from.
 *
 * Layout: MAGIC, the header's length and the header (JSON: engine version, stored form), the number
 * of entries, then each entry (path, text hash, config hash, the stored analysis), and last a SHA-256
 * of everything before it, so a torn or altered file is told from a whole one.
 *
 * Written whole to a temporary file and renamed over the old one: a reader (another run, started at
 * the same moment) sees the old cache or the new one. Two runs writing at once each write a whole
 * file, and the last rename wins; the other run's new entries are analysed again next time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { STORED_FORM } from '../engine';
import type { AnalysisStore } from '../engine';
import { replaceFileSync } from './replace-file';

/** The cache file's name in a folder given with `--cache-location`, and by default. */
export const CACHE_FILE_NAME = '.inboundcache';

const MAGIC = Buffer.from('inbound-cache\n', 'latin1');
const HASH_BYTES = 32;

interface Entry {
  textHash: string;
  configHash: string;
  stored: Uint8Array;
}

export interface CacheStats {
  /** Files whose stored analysis was used. */
  restored: number;
  /** Files analysed and stored. */
  stored: number;
}

export class AnalysisCache implements AnalysisStore {
  private readonly entries: Map<string, Entry>;
  /** Files this run asked about: their entries are current; others are kept while their file exists. */
  private readonly seen = new Set<string>();
  /** The text hash computed on asking, reused on storing (the same text, asked then stored). */
  private readonly pending = new Map<string, { text: string; hash: string }>();
  private readonly configHashes = new Map<string, string>();
  private changed: boolean;
  readonly stats: CacheStats = { restored: 0, stored: 0 };

  private constructor(
    readonly path: string,
    private readonly header: string,
    entries: Map<string, Entry> | undefined,
  ) {
    this.entries = entries ?? new Map();
    // A cache that could not be read is written anew, even when nothing else changes.
    this.changed = entries === undefined;
  }

  /**
   * The cache at `path` for this engine version. Whatever is there and is not a whole cache of this
   * engine version is treated as no cache.
   */
  static open(path: string, engineVersion: string): AnalysisCache {
    const header = JSON.stringify({ engine: engineVersion, form: STORED_FORM });
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(path);
    } catch {
      // No cache yet, or one that cannot be read: the run starts without.
    }
    return new AnalysisCache(path, header, bytes && readEntries(bytes, header));
  }

  get size(): number {
    return this.entries.size;
  }

  recall(file: string, text: string, config: string): Uint8Array | undefined {
    this.seen.add(file);
    const hash = hashText(text);
    const entry = this.entries.get(file);
    if (!entry || entry.textHash !== hash || entry.configHash !== this.configHash(config)) {
      this.pending.set(file, { text, hash });
      return undefined;
    }
    this.pending.delete(file);
    this.stats.restored++;
    return entry.stored;
  }

  remember(file: string, text: string, config: string, stored: Uint8Array): void {
    this.seen.add(file);
    const asked = this.pending.get(file);
    const textHash = asked && asked.text === text ? asked.hash : hashText(text);
    this.pending.delete(file);
    this.entries.set(file, { textHash, configHash: this.configHash(config), stored });
    this.stats.stored++;
    this.changed = true;
  }

  /**
   * Writes the cache if this run changed it. Entries of files this run did not read are kept while
   * the file exists (a run over one project keeps another's); those of files gone are dropped.
   * Throws what writing throws: the caller says so, and the run's result stands.
   */
  save(): void {
    for (const file of this.entries.keys()) {
      if (!this.seen.has(file) && !existsSync(file)) {
        this.entries.delete(file);
        this.changed = true;
      }
    }
    this.pending.clear();
    if (!this.changed) return;
    replaceFileSync(this.path, writeEntries(this.entries, this.header));
    this.changed = false;
  }

  private configHash(config: string): string {
    let hash = this.configHashes.get(config);
    if (hash === undefined) {
      hash = createHash('sha256').update(config, 'utf8').digest('hex');
      this.configHashes.set(config, hash);
    }
    return hash;
  }
}

/**
 * `--cache-location` (relative to `cwd`): a file, or a folder to hold `.inboundcache`, one that
 * exists or is written with a trailing slash.
 */
export function cacheFilePath(cwd: string, location: string): string {
  const path = resolve(cwd, location);
  if (/[\\/]$/.test(location)) return join(path, CACHE_FILE_NAME);
  try {
    if (statSync(path).isDirectory()) return join(path, CACHE_FILE_NAME);
  } catch {
    // Not there yet: a file to create.
  }
  return path;
}

declare const INBOUND_ENGINE_BUILD: string;

/**
 * The version an analysis was stored by: the release, and (in a build) a hash of the engine's own
 * source, so a build with other rules never reads analyses made by another, even at one version.
 */
export function engineVersion(version: string): string {
  return typeof INBOUND_ENGINE_BUILD === 'string' ? `${version}+${INBOUND_ENGINE_BUILD}` : version;
}

/** What a cache file holds, whatever engine wrote it (for tests and diagnosis); undefined if it is not a whole cache. */
export function describeCache(path: string): { engine: string; files: string[] } | undefined {
  try {
    const bytes = readFileSync(path);
    const headerLength = bytes.readUInt32LE(MAGIC.length);
    const header = bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + headerLength).toString('utf8');
    const entries = readEntries(bytes, header);
    return entries && { engine: (JSON.parse(header) as { engine: string }).engine, files: [...entries.keys()] };
  } catch {
    return undefined;
  }
}

function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function writeEntries(entries: Map<string, Entry>, header: string): Buffer {
  const parts: Buffer[] = [MAGIC];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    parts.push(b);
  };
  const headerBytes = Buffer.from(header, 'utf8');
  u32(headerBytes.length);
  parts.push(headerBytes);
  u32(entries.size);
  for (const [file, e] of entries) {
    const name = Buffer.from(file, 'utf8');
    u32(name.length);
    parts.push(name, Buffer.from(e.textHash, 'hex'), Buffer.from(e.configHash, 'hex'));
    u32(e.stored.length);
    parts.push(Buffer.from(e.stored.buffer, e.stored.byteOffset, e.stored.byteLength));
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** The entries of a whole cache of this header; undefined for anything else. */
function readEntries(bytes: Buffer, header: string): Map<string, Entry> | undefined {
  if (bytes.length < MAGIC.length + HASH_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const body = bytes.subarray(0, bytes.length - HASH_BYTES);
  if (!createHash('sha256').update(body).digest().equals(bytes.subarray(bytes.length - HASH_BYTES))) return undefined;
  let at = MAGIC.length;
  const u32 = () => {
    if (at + 4 > body.length) throw new RangeError('cut short');
    const n = body.readUInt32LE(at);
    at += 4;
    return n;
  };
  const take = (n: number) => {
    if (at + n > body.length) throw new RangeError('cut short');
    const slice = body.subarray(at, at + n);
    at += n;
    return slice;
  };
  try {
    if (take(u32()).toString('utf8') !== header) return undefined;
    const entries = new Map<string, Entry>();
    for (let n = u32(); n > 0; n--) {
      const file = take(u32()).toString('utf8');
      const textHash = take(HASH_BYTES).toString('hex');
      const configHash = take(HASH_BYTES).toString('hex');
      const stored = take(u32());
      entries.set(file, { textHash, configHash, stored });
    }
    return at === body.length ? entries : undefined;
  } catch {
    return undefined;
  }
}
