/** What a command may touch of the outside world, passed in so tests can run commands in-process. */
export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  /** One line to stderr (the newline is added). */
  stderr(line: string): void;
  color: boolean;
  version: string;
  /** Progress for long runs on a terminal; (0, 0) clears it. */
  progress?: (done: number, total: number) => void;
}
