/**
 * The rule pages that ship with the extension (docs/rules/<code>.md), opened inside VS Code as a
 * rendered page, offline. A finding's code links to `<scheme>://inbound.inbound/rule/<code>` (the
 * server is told the base at start); this handler opens the page.
 */
import * as vscode from 'vscode';

/** The base the server appends a finding's code to for its link. */
export function ruleDocsBase(context: vscode.ExtensionContext): string {
  return `${vscode.env.uriScheme}://${context.extension.id}/rule/`;
}

export function registerRuleDocs(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.window.registerUriHandler({
      handleUri: async (uri) => {
        const code = /^\/rule\/([a-z-]+)\/?$/.exec(uri.path)?.[1];
        if (code) await openRuleDocs(context, code);
      },
    }),
  );
}

/** Opens a rule's page: rendered in the Markdown preview, or as text where there is no preview. */
export async function openRuleDocs(context: vscode.ExtensionContext, code: string): Promise<void> {
  const rules = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  const own = vscode.Uri.joinPath(rules, `${code}.md`);
  // A code without a page (a link from a newer server, a typed URI) opens the list of rules.
  const page = await vscode.workspace.fs.stat(own).then(
    () => own,
    () => vscode.Uri.joinPath(rules, 'README.md'),
  );
  try {
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } catch {
    await vscode.window.showTextDocument(page, { preview: true });
  }
}
