/**
 * What the Get Started walkthrough needs beyond the commands it links to: a step that completes
 * when the roadmap gate has actually fired (the `inbound.roadmapGateShown` context), and a command
 * that goes to the gate's squiggle and opens its quick fixes.
 */
import * as vscode from 'vscode';

export const SHOW_GATE_FIXES = 'inbound.showGateFixes';

function isGate(d: vscode.Diagnostic): boolean {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return d.source === 'inbound' && code === 'roadmap-gate';
}

export function registerWalkthrough(context: vscode.ExtensionContext): void {
  let seen = false;
  const watch = vscode.languages.onDidChangeDiagnostics((e) => {
    if (seen || !e.uris.some((uri) => vscode.languages.getDiagnostics(uri).some(isGate))) return;
    seen = true;
    void vscode.commands.executeCommand('setContext', 'inbound.roadmapGateShown', true);
    watch.dispose();
  });
  context.subscriptions.push(watch);

  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_GATE_FIXES, async () => {
      const gate = findGate();
      if (!gate) {
        void vscode.window.showInformationMessage(
          "No requirement is stopped by the roadmap gate right now. Set a requirement's status to roadmap while its only evidence is a sales deal, and the gate shows on its status.",
        );
        return;
      }
      const editor = await vscode.window.showTextDocument(gate.uri);
      editor.selection = new vscode.Selection(gate.diagnostic.range.start, gate.diagnostic.range.start);
      editor.revealRange(gate.diagnostic.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      await vscode.commands.executeCommand('editor.action.quickFix');
    }),
  );
}

/** The gate in the file in the editor, else the first one anywhere. */
function findGate(): { uri: vscode.Uri; diagnostic: vscode.Diagnostic } | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const here = active ? vscode.languages.getDiagnostics(active).find(isGate) : undefined;
  if (active && here) return { uri: active, diagnostic: here };
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    const gate = diagnostics.find(isGate);
    if (gate) return { uri, diagnostic: gate };
  }
  return undefined;
}
