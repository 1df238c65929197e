/** Shared by the report tests: the CLI in-process, and workspaces built from text. */
import { main } from '../../server/src/cli/main';
import { Workspace } from '../../server/src/engine';

export const TODAY = '2026-11-23';

export async function runCli(cwd: string, argv: string[]) {
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

/** A workspace from file texts, keyed as the language server might key them. */
export function workspaceOf(files: Record<string, string>, today = TODAY): Workspace {
  const ws = new Workspace({ today });
  for (const [name, text] of Object.entries(files)) ws.setFile(name, text);
  return ws;
}
