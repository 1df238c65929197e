/**
 * The order the files run in, in either extension host: where the suite runs first, then read-only
 * checks of the examples, then the tests that edit, create and delete files (each puts back what it
 * changed), the server restart last.
 */
export const ORDER = ['host', 'diagnostics', 'language', 'quick-fixes', 'files', 'config', 'commands', 'reports'];

/** Test files (`x.test.js` or `x.test.ts`) in that order; files not named in it after them, by name. */
export function inOrder(files: string[]): string[] {
  const rank = (file: string) => {
    const i = ORDER.indexOf(file.replace(/\.test\.[jt]s$/, ''));
    return i < 0 ? ORDER.length : i;
  };
  return [...files].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function countTests(suite: Mocha.Suite): number {
  return suite.tests.length + suite.suites.reduce((n, s) => n + countTests(s), 0);
}
