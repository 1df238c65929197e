/**
 * Writing a file that readers may have open (a report in a browser tab, a CI artifact): a temporary
 * file in the same folder, then a rename over the target, so a reader sees the old file or the new
 * one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fchownSync, fsyncSync, lstatSync, openSync, readlinkSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The target is a symbolic link: refused, see `replaceFileSync`. */
export class SymbolicLinkTarget extends Error {
  readonly code = 'ESYMLINK';
  constructor(readonly target: string) {
    super(`it is a symbolic link (to ${target})`);
  }
}

/**
 * Replaces `path` with `data`.
 *
 * A symbolic link at `path` is refused, not followed and not replaced. Following it would write
 * wherever the link points: a checked-out pull request can hold `readiness.html -> ~/.bashrc`, and
 * `inbound report --out readiness.html` in CI or on a laptop would then overwrite a file outside
 * the repository. Replacing the link itself would be safe, but silent: whoever made the link meant
 * something by it (a `latest.html` that points at this month's report), and quietly turning it into
 * a plain file breaks that, while a hostile link goes unnoticed. Refusing says what is there and lets
 * the person decide (remove the link, or name the file it points to).
 *
 * The check and the write cannot race into a write through a link either: the temporary file is
 * created new (O_EXCL, which also refuses a link planted under its random name), and rename(2)
 * replaces the directory entry at `path`, whatever it has become, without following it.
 *
 * An existing file keeps its permissions (and, when run as root, its owner).
 */
export function replaceFileSync(path: string, data: string | Uint8Array): void {
  let existing: Stats | undefined;
  try {
    existing = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (existing?.isSymbolicLink()) throw new SymbolicLinkTarget(readlinkSync(path));
  if (existing?.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), { code: 'EISDIR' });

  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o666);
  let renamed = false;
  try {
    try {
      if (existing?.isFile()) {
        fchmodSync(fd, existing.mode & 0o7777);
        if (process.getuid?.() === 0) fchownSync(fd, existing.uid, existing.gid);
      }
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        unlinkSync(temp);
      } catch {
        // already gone
      }
    }
  }
}
