/**
 * The webview's only script, allowed by its nonce. It reads data attributes (set as escaped text)
 * and posts a plain message; it never evaluates anything from the page, and the extension decides
 * what to open. Tabs switch views in the page, without a round trip.
 *
 * Messages to the extension: `{ type: 'open', file: string, line: number }` (line 0-based), and
 * `{ type: 'view', view: string }` when a tab is chosen (the editor's tab takes the view's title).
 */
export const WEBVIEW_SCRIPT = `(() => {
  const vscode = acquireVsCodeApi();
  const show = (view) => {
    for (const tab of document.querySelectorAll('[data-view]')) {
      const chosen = tab.getAttribute('data-view') === view;
      tab.setAttribute('aria-selected', String(chosen));
      if (!chosen) continue;
      const heading = tab.getAttribute('data-heading') || '';
      const h1 = document.getElementById('report-heading');
      if (h1) h1.textContent = heading;
      document.title = heading + document.title.slice(document.title.indexOf(' — '));
    }
    for (const panel of document.querySelectorAll('[data-panel]')) {
      panel.hidden = panel.getAttribute('data-panel') !== view;
    }
  };
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const tab = target.closest('[data-view]');
    if (tab) {
      show(tab.getAttribute('data-view'));
      vscode.postMessage({ type: 'view', view: tab.getAttribute('data-view') });
      return;
    }
    const item = target.closest('[data-file]');
    if (!item) return;
    const line = Number.parseInt(item.getAttribute('data-line') || '0', 10);
    vscode.postMessage({ type: 'open', file: item.getAttribute('data-file'), line: line >= 0 ? line : 0 });
  });
})();`;
