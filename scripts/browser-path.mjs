// `node:path` for the browser bundles: POSIX path arithmetic on the paths the language server holds
// there, which are all POSIX (file URIs and virtual ones alike, see lsp/virtual-files.ts). Only what
// the bundled modules use; the build fails on anything else they ask for.
export const sep = '/';
export const delimiter = ':';

export function isAbsolute(p) {
  return p.startsWith('/');
}

export function normalize(p) {
  const absolute = isAbsolute(p);
  const out = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  const path = absolute ? `/${joined}` : joined || '.';
  // As Node's: a trailing slash stays (it says the path is a folder).
  return p.endsWith('/') && !path.endsWith('/') ? `${path}/` : path;
}

export function join(...parts) {
  const nonEmpty = parts.filter((p) => p !== '');
  return nonEmpty.length ? normalize(nonEmpty.join('/')) : '.';
}

/** There is no current folder in the browser: a relative path resolves from the root. */
export function resolve(...parts) {
  let path = '';
  for (let i = parts.length - 1; i >= 0 && !isAbsolute(path); i--) path = parts[i] + (path ? `/${path}` : '');
  // As Node's: a resolved path has no trailing slash (but the root).
  const resolved = normalize(isAbsolute(path) ? path : `/${path}`);
  return resolved.length > 1 ? resolved.replace(/\/+$/, '') : resolved;
}

export function dirname(p) {
  const n = p.length > 1 ? p.replace(/\/+$/, '') : p;
  const i = n.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return n.slice(0, i);
}

export function basename(p, ext) {
  const base = p.replace(/\/+$/, '').split('/').pop() ?? '';
  return ext && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base;
}

export function extname(p) {
  const base = basename(p);
  const i = base.lastIndexOf('.');
  return i <= 0 ? '' : base.slice(i);
}

export function relative(from, to) {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

export const posix = { sep, delimiter, isAbsolute, normalize, join, resolve, dirname, basename, extname, relative };
export default posix;
