/** What a command may touch of the outside world, passed in so tests can run commands in-process. */
export interface CliIo {
  cwd: string;
  /**
   * Writes to stdout; a promise when the reader is slower than the writer, to wait on before the
   * next piece (a report of 400,000 findings must not pile up in memory behind a slow pipe).
   */
  stdout(text: string): void | Promise<void>;
  /** One line to stderr (the newline is added). */
  stderr(line: string): void;
  color: boolean;
  version: string;
  /** Progress for long runs on a terminal; (0, 0) clears it. */
  progress?: (done: number, total: number) => void;
}
