/**
 * The whole HTML page, in one of two forms:
 * - `export`: one self-contained file that works offline and prints; no script at all, and a
 *   content security policy that would refuse one anyway;
 * - `webview`: the page for a VS Code webview, in the editor's theme, with a strict nonce-based
 *   policy and a tiny script that turns a click on a requirement into a message.
 */
import { render } from 'preact-render-to-string';
import type { Report } from '../../engine/report';
import { formatDay } from '../words';
import { ConcentrationSection, EvidenceSection, Headline, Masthead, ReadinessSection, VerdictOverview } from './sections';
import type { RenderContext } from './sections';
import { EXPORT_PALETTE, LAYOUT, WEBVIEW_PALETTE } from './styles';
import { WEBVIEW_SCRIPT } from './webview-script';

export const REPORT_VIEWS = ['readiness', 'concentration', 'evidence'] as const;
export type ReportView = (typeof REPORT_VIEWS)[number];

const VIEW_TITLE: Record<ReportView, string> = {
  readiness: 'Readiness',
  concentration: 'Account concentration',
  evidence: 'Evidence mix',
};

/** The page's heading and title on each view (the export holds every view: the readiness report). */
export const VIEW_HEADING: Record<ReportView, string> = {
  readiness: 'Roadmap readiness',
  concentration: 'Account concentration',
  evidence: 'Evidence mix',
};

export interface ExportHtmlOptions {
  target?: 'export';
}

export interface WebviewHtmlOptions {
  target: 'webview';
  /** A fresh random value per rendering; it lets exactly this page's style and script run. */
  nonce: string;
  /** `webview.cspSource`, for stylesheets the extension might add from its own folder. */
  cspSource: string;
  /** The view shown first; the others are a tab away. */
  view?: ReportView;
}

export type HtmlOptions = ExportHtmlOptions | WebviewHtmlOptions;

export function contentSecurityPolicy(options: HtmlOptions): string {
  if (options.target === 'webview') {
    const nonce = `'nonce-${options.nonce}'`;
    return `default-src 'none'; style-src ${options.cspSource} ${nonce}; script-src ${nonce}; base-uri 'none'; form-action 'none'`;
  }
  // Nothing but the page's own inline stylesheet: no script, no network, no frames.
  return "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
}

export function renderReportHtml(report: Report, options: HtmlOptions = {}): string {
  if (options.target === 'webview' && !/^[A-Za-z0-9+/=_-]{16,}$/.test(options.nonce)) {
    // A guessable or malformed nonce would make the policy meaningless.
    throw new Error('renderReportHtml: the nonce must be at least 16 random base64 or hex characters');
  }
  const webview = options.target === 'webview' ? options : undefined;
  const ctx: RenderContext = { interactive: !!webview };
  const view = webview?.view ?? 'readiness';
  const sections: Record<ReportView, preact.JSX.Element> = {
    readiness: (
      <>
        <VerdictOverview report={report} />
        <ReadinessSection report={report} ctx={ctx} />
      </>
    ),
    concentration: <ConcentrationSection report={report} ctx={ctx} />,
    evidence: <EvidenceSection report={report} ctx={ctx} />,
  };
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content={contentSecurityPolicy(options)} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {!webview && <meta name="color-scheme" content="light dark" />}
        <meta name="generator" content="Inbound" />
        <title>{`${VIEW_HEADING[view]} — ${formatDay(report.today)}`}</title>
        <style nonce={webview?.nonce} dangerouslySetInnerHTML={{ __html: (webview ? WEBVIEW_PALETTE : EXPORT_PALETTE) + LAYOUT }} />
      </head>
      <body>
        <main>
          <Masthead report={report} heading={VIEW_HEADING[view]} />
          <Headline report={report} ctx={ctx} />
          {webview ? (
            <>
              <nav class="tabs" role="tablist" aria-label="Report views">
                {REPORT_VIEWS.map((v) => (
                  <button type="button" role="tab" data-view={v} data-heading={VIEW_HEADING[v]} aria-selected={v === view ? 'true' : 'false'}>
                    {VIEW_TITLE[v]}
                  </button>
                ))}
              </nav>
              {REPORT_VIEWS.map((v) => (
                <div role="tabpanel" data-panel={v} hidden={v !== view}>
                  {sections[v]}
                </div>
              ))}
            </>
          ) : (
            REPORT_VIEWS.map((v) => sections[v])
          )}
          <footer>{`Made by Inbound from ${report.files} requirement file${report.files === 1 ? '' : 's'} on ${formatDay(report.today)}.`}</footer>
        </main>
        {webview && <script nonce={webview.nonce} dangerouslySetInnerHTML={{ __html: WEBVIEW_SCRIPT }} />}
      </body>
    </html>
  );
  return '<!doctype html>\n' + render(page) + '\n';
}
