/** `inbound …` run in this process, with its output captured: for fixture and report tests. */
import { main } from '../../server/src/cli/main';

export async function runInProcess(cwd: string, argv: string[]) {
  let stdout = '';
  const stderr: string[] = [];
  const exit = await main(argv, {
    cwd,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (line) => {
      stderr.push(line);
    },
    color: false,
    version: '0.0.0-test',
  });
  return { exit, stdout, stderr };
}
