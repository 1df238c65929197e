/**
 * Names for files that have no path on a disk the server can read: a workspace folder in the
 * browser (VS Code for the Web) or on a virtual file system (`vscode-vfs://github/…`). The server's
 * projects, globs and reports work on paths, so such a URI gets a path of its own, `/<scheme>:<authority>/<path>`,
 * from which its URI comes back exactly. Only the schemes of such workspace folders are named this
 * way: any other URI (an untitled editor, a git revision's text) keeps the URI itself as its name, as
 * on the desktop, and is checked as a loose file.
 */
import { URI } from 'vscode-uri';

const schemes = new Set<string>();

/**
 * Files of this scheme are named by path and read through the editor. The server in the browser
 * says so for every scheme of its folders, `file` included (there is no disk to read); on Node,
 * for the folders that are not on disk.
 */
export function nameByPath(scheme: string): void {
  schemes.add(scheme.toLowerCase());
}

/** The path a URI of such a scheme goes by; undefined for any other URI. */
export function virtualPath(uri: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1];
  if (!scheme || !schemes.has(scheme.toLowerCase())) return undefined;
  const parsed = URI.parse(uri);
  // A folder's URI may end in a slash; its path must not, or it would not be the folder of its files.
  const path = `/${parsed.path}`.replace(/\/+/g, '/').replace(/\/$/, '');
  return `/${parsed.scheme}:${parsed.authority}${path}`;
}

const VIRTUAL = /^[\\/]([a-z][a-z0-9+.-]*):([^\\/]*)(.*)$/i;

/** Whether a path names a file by URI (one of `virtualPath`'s), so that it is read through the editor. */
export function isVirtualPath(path: string): boolean {
  const m = VIRTUAL.exec(path);
  return !!m && schemes.has(m[1].toLowerCase());
}

/** The URI a path of `virtualPath`'s stands for; undefined for any other path. */
export function virtualUri(path: string): string | undefined {
  const m = VIRTUAL.exec(path);
  if (!m || !schemes.has(m[1].toLowerCase())) return undefined;
  // On Windows a path joined from one of these gets backslashes; URIs have none.
  const rest = m[3].replace(/\\/g, '/');
  return URI.from({ scheme: m[1], authority: m[2], path: rest || '/' }).toString();
}
