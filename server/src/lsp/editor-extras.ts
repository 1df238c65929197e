/**
 * What the server adds for editors that can use it, set up once when the editor connects: the
 * cursor in a quick fix's first blank (snippet edits), a documentation link on each finding's code,
 * and the file-status request (file-status.ts). Each is used only if the client announced it, so
 * other editors get exactly what they got before.
 */
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { useSnippetEdits } from './code-actions';
import { linkRuleDocs } from './convert';
import { fileStatus } from './file-status';
import { FileStatusRequest } from './protocol';
import type { ExtrasOptions } from './protocol';
import { runSafe } from './run-safe';
import type { ServerState } from './server-state';

export function startEditorExtras(
  connection: Connection,
  state: ServerState,
  params: InitializeParams,
  /** The rule pages beside the server, where it has them (see `ServerHost.ruleDocs`). */
  beside?: () => ((code: string) => string) | undefined,
): void {
  const caps = params.capabilities;
  // Snippet edits travel only in document changes (a versioned edit), which the code actions use.
  useSnippetEdits(!!caps.workspace?.workspaceEdit?.snippetEditSupport && !!caps.workspace.workspaceEdit.documentChanges);
  const pulled = caps.textDocument?.diagnostic as { codeDescriptionSupport?: boolean } | undefined;
  const showsLinks = !!(caps.textDocument?.publishDiagnostics?.codeDescriptionSupport || pulled?.codeDescriptionSupport);
  linkRuleDocs(showsLinks ? ruleDocs(params.initializationOptions as ExtrasOptions | undefined, beside) : undefined);
  const log = (message: string) => connection.console.log(message);
  // Which project takes a file needs no analysis: only the asked document's own pending edit is
  // given to the engine (a config typed into a new editor makes its folder a project). A changed
  // config elsewhere is read at the next re-check, whose status makes the editor ask again.
  connection.onRequest(FileStatusRequest, (p) =>
    runSafe(log, 'file status', null, () => {
      if (state.isPending(p.uri)) state.syncDocument(p.uri);
      return fileStatus(state.projects, p.uri);
    }),
  );
}

/** The editor's base for rule pages, or the pages shipped beside the server. */
function ruleDocs(options: ExtrasOptions | undefined, beside?: () => ((code: string) => string) | undefined): ((code: string) => string) | undefined {
  const base = options?.ruleDocs;
  if (typeof base === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(base)) return (code) => base + encodeURIComponent(code);
  return beside?.();
}
