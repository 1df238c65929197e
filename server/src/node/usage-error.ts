/** A failure the user can cause and fix (a bad option, a missing path): one line, exit code 2. */
export class UsageError extends Error {}
