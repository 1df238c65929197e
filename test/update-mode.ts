/**
 * `UPDATE_FIXTURES=1` rewrites a test's expected files from what the code produces: a draft for a
 * person to read against the spec before committing. In CI that would turn every failure into a
 * pass, so it refuses to run there.
 */
export function updateMode(): boolean {
  if (process.env.UPDATE_FIXTURES !== '1') return false;
  if (process.env.CI) throw new Error('UPDATE_FIXTURES=1 refuses to run when CI is set: expected files are written on a developer machine, read, and committed.');
  return true;
}
