/** Shared by the report tests: the CLI in-process, and workspaces built from text. */
import { runInProcess } from '../cli/run-cli';
import { Workspace } from '../../server/src/engine';

export const TODAY = '2026-11-23';

/** `inbound …` in this process, as the check fixtures run it. */
export const runCli = runInProcess;

/** A workspace from file texts, keyed as the language server might key them. */
export function workspaceOf(files: Record<string, string>, today = TODAY): Workspace {
  const ws = new Workspace({ today });
  for (const [name, text] of Object.entries(files)) ws.setFile(name, text);
  return ws;
}
