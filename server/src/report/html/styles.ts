/**
 * The report's stylesheet. One layout reads colours only from CSS variables; a palette sets them:
 * the exported file follows the reader's light or dark preference (and prints in light), the
 * webview follows the VS Code colour theme, high contrast included.
 */

const LIGHT = `
  --bg: #ffffff; --surface: #f6f8fa; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --track: #eaeef2;
  --accent: #0969da; --focus: #0969da;
  --ready: #1a7f37; --waived: #8250df; --blocked: #cf222e; --at-risk: #bc4c00; --no-evidence: #9a6700;
  --gathering: #1b7c83; --closed: #6e7781;
  --sales: #e8590c; --market: #1c7ed6; --without-market: #d1242f; --same-account: #f4a261;`;

const DARK = `
  --bg: #0d1117; --surface: #151b23; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --track: #262c36;
  --accent: #4493f8; --focus: #4493f8;
  --ready: #3fb950; --waived: #ab7df8; --blocked: #f85149; --at-risk: #db6d28; --no-evidence: #d29922;
  --gathering: #39c5cf; --closed: #9198a1;
  --sales: #f0883e; --market: #4493f8; --without-market: #f85149; --same-account: #b0643a;`;

/** The exported file: light or dark as the reader prefers, always light on paper. */
export const EXPORT_PALETTE = `
:root { color-scheme: light dark; ${LIGHT}
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
@media (prefers-color-scheme: dark) { :root { ${DARK} } }
@media print { :root { color-scheme: light; ${LIGHT} } }
`;

/**
 * The webview: VS Code sets its theme's colours as --vscode-* variables on the page and a
 * vscode-light, vscode-dark or vscode-high-contrast class on the body. The fallbacks only matter
 * outside VS Code.
 */
export const WEBVIEW_PALETTE = `
:root {
  --bg: var(--vscode-editor-background, #ffffff);
  --surface: var(--vscode-editorWidget-background, #f6f8fa);
  --fg: var(--vscode-editor-foreground, var(--vscode-foreground, #1f2328));
  --muted: var(--vscode-descriptionForeground, #59636e);
  --border: var(--vscode-panel-border, var(--vscode-widget-border, #d1d9e0));
  --track: color-mix(in srgb, var(--fg) 10%, transparent);
  --accent: var(--vscode-textLink-foreground, #0969da);
  --focus: var(--vscode-focusBorder, #0969da);
  --ready: var(--vscode-charts-green, #388a34);
  --waived: var(--vscode-charts-purple, #652d90);
  --blocked: var(--vscode-charts-red, #e51400);
  --at-risk: var(--vscode-charts-orange, #d18616);
  --no-evidence: var(--vscode-charts-yellow, #bf8803);
  --gathering: var(--vscode-charts-blue, #1a85ff);
  --closed: var(--vscode-disabledForeground, #717171);
  --sales: var(--vscode-charts-orange, #d18616);
  --market: var(--vscode-charts-blue, #1a85ff);
  --without-market: var(--vscode-charts-red, #e51400);
  --same-account: color-mix(in srgb, var(--sales) 55%, var(--bg));
  --font: var(--vscode-font-family, system-ui, sans-serif);
  --mono: var(--vscode-editor-font-family, monospace);
}
body { font-size: var(--vscode-font-size, 13px); }
body.vscode-high-contrast .badge { background: transparent; border-color: var(--c); }
body.vscode-high-contrast .kpi, body.vscode-high-contrast td, body.vscode-high-contrast th,
body.vscode-high-contrast h2 { border-color: var(--vscode-contrastBorder, var(--border)); }
`;

export const LAYOUT = `
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.5 var(--font); font-variant-numeric: tabular-nums; }
main { max-width: 1120px; margin: 0 auto; padding: 32px 28px 48px; }
.masthead .eyebrow { margin: 0; color: var(--muted); font-size: 12px; font-weight: 600; letter-spacing: .08em; text-transform: uppercase; }
h1 { margin: 2px 0 4px; font-size: 28px; line-height: 1.2; letter-spacing: -.01em; }
.meta { margin: 0 0 22px; color: var(--muted); }
h2 { margin: 40px 0 6px; padding-bottom: 6px; border-bottom: 1px solid var(--border); font-size: 20px; line-height: 1.3; }
h3 { margin: 24px 0 8px; font-size: 15px; }
h3 .count { color: var(--muted); font-weight: 500; }
.lede { margin: 0 0 12px; max-width: 80ch; color: var(--muted); }
.lede .key { white-space: nowrap; margin-left: 6px; }
.muted { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
code { font-family: var(--mono); font-size: .92em; }

.kpis { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; margin: 0 0 22px; }
.kpi { position: relative; overflow: hidden; padding: 14px 16px 14px 20px; border: 1px solid var(--border); border-radius: 10px; background: var(--surface); }
.kpi::before { content: ""; position: absolute; inset: 0 auto 0 0; width: 4px; background: var(--tone, var(--border)); }
.kpi .value { display: block; overflow: hidden; font-size: 30px; font-weight: 650; line-height: 1.15; text-overflow: ellipsis; white-space: nowrap; }
.kpi-name .value { overflow: visible; font-size: 18px; line-height: 1.25; white-space: normal; overflow-wrap: anywhere; }
.notice { margin: 0 0 18px; padding: 10px 14px; border: 1px solid var(--blocked); border-left-width: 4px; border-radius: 8px; background: var(--surface); }
.notice p { margin: 0 0 4px; } .notice ul { margin: 0; padding-left: 18px; } .notice li.openable { cursor: pointer; }
.kpi .value small { color: var(--muted); font-size: 17px; font-weight: 500; }
.kpi .label { display: block; margin-top: 2px; font-weight: 600; }
.kpi .sub { display: block; margin-top: 2px; color: var(--muted); font-size: 12.5px; }
.tone-ready { --tone: var(--ready); } .tone-blocked { --tone: var(--blocked); } .tone-at-risk { --tone: var(--at-risk); }
.tone-market { --tone: var(--market); } .tone-without-market { --tone: var(--without-market); } .tone-neutral { --tone: var(--closed); }

figure { margin: 0 0 8px; }
figure, .kpi, tr, .verdict-legend li, .keep { break-inside: avoid; }
.verdicts { margin-bottom: 8px; }
.chart-verdicts { display: block; width: 100%; height: 22px; }
.chart { display: block; width: 100%; max-width: 920px; height: auto; }
.chart text { fill: var(--fg); font-family: var(--font); font-size: 13px; }
.chart text.value { font-weight: 600; }
.chart .muted { fill: var(--muted); font-weight: 400; }
.seg { stroke: var(--bg); stroke-width: 3px; }
svg.mini { display: block; margin: 4px 0 3px; }
svg.swatch { display: inline-block; vertical-align: -1px; margin-right: 2px; }
.fill-track { fill: var(--track); }
.fill-sales { fill: var(--sales); } .fill-market { fill: var(--market); } .fill-without-market { fill: var(--without-market); }
.fill-same-account { fill: var(--same-account); }
.fill-ready { fill: var(--ready); } .fill-waived { fill: var(--waived); } .fill-blocked { fill: var(--blocked); }
.fill-at-risk { fill: var(--at-risk); } .fill-no-evidence { fill: var(--no-evidence); } .fill-gathering { fill: var(--gathering); }
.fill-closed { fill: var(--closed); }

.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 8px 0 0; padding: 0; list-style: none; font-size: 12.5px; }
.verdict-legend { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 8px 18px; margin-top: 12px; }
.verdict-legend li { line-height: 1.35; }
.verdict-legend .meaning { display: block; margin-left: 16px; color: var(--muted); }
.verdict-legend .zero { opacity: .55; }

.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th { padding: 6px 8px; border-bottom: 1px solid var(--border); color: var(--muted); font-size: 12px; font-weight: 600; text-align: left; white-space: nowrap; }
td { padding: 8px; border-bottom: 1px solid var(--border); vertical-align: top; overflow-wrap: break-word; }
th.num, td.num { text-align: right; white-space: nowrap; }
td.alarm { color: var(--without-market); font-weight: 650; }
td.account { min-width: 7em; font-weight: 600; }
.nowrap { white-space: nowrap; }
.readiness .col-verdict { width: 18%; } .readiness .col-req { width: 38%; } .readiness .col-status { width: 10%; }
.readiness .col-evidence { width: 18%; } .readiness .col-accounts { width: 16%; }

.badge { --c: var(--closed); display: inline-block; padding: 1px 9px; border: 1px solid color-mix(in srgb, var(--c) 40%, var(--bg)); border-radius: 999px;
  background: color-mix(in srgb, var(--c) 14%, var(--bg)); color: var(--c); font-size: 12px; font-weight: 650; white-space: nowrap; }
.v-ready { --c: var(--ready); } .v-waived { --c: var(--waived); } .v-blocked { --c: var(--blocked); } .v-at-risk { --c: var(--at-risk); }
.v-no-evidence { --c: var(--no-evidence); } .v-gathering { --c: var(--gathering); } .v-closed { --c: var(--closed); }
.why { display: block; margin-top: 4px; color: var(--muted); font-size: 12px; }
.req-id { font-weight: 650; white-space: nowrap; }
.req-meta, .kinds, .evidence-count { display: block; color: var(--muted); font-size: 12px; }
.evidence-count { color: var(--fg); }
.req-meta.silenced { font-style: italic; }
.where { color: var(--muted); font-family: var(--mono); font-size: 11.5px; overflow-wrap: anywhere; }
.two-up { display: grid; grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr); gap: 0 28px; }
footer { margin-top: 44px; padding-top: 12px; border-top: 1px solid var(--border); color: var(--muted); font-size: 12px; }

button.open { padding: 0; border: 0; background: none; color: var(--accent); font: inherit; font-weight: 650; cursor: pointer; }
button.open:hover { text-decoration: underline; }
button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
tr.openable { cursor: pointer; }
tr.openable:hover td { background: color-mix(in srgb, var(--accent) 7%, transparent); }
.tabs { display: flex; gap: 2px; margin: 0 0 20px; border-bottom: 1px solid var(--border); }
.tabs button { padding: 8px 14px; border: 0; border-bottom: 2px solid transparent; background: none; color: var(--muted); font: inherit; font-weight: 600; cursor: pointer; }
.tabs button[aria-selected="true"] { border-bottom-color: var(--accent); color: var(--fg); }
[hidden] { display: none !important; }

@media (max-width: 820px) {
  main { padding: 20px 16px 32px; }
  .kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .two-up { grid-template-columns: minmax(0, 1fr); }
}

/* Paper: A4 or Letter, whichever the printer has; margins fit both. */
@page { margin: 14mm 12mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 20pt; }
  h2 { margin-top: 18pt; font-size: 14pt; break-after: avoid; }
  h3, .lede { break-after: avoid; }
  th { white-space: normal; }
  .kpis { grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 8px; }
  .kpi .value { font-size: 20pt; }
  .two-up { grid-template-columns: minmax(0, 1fr); }
  .table-wrap { overflow: visible; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  .tabs { display: none; }
  .report-section[hidden] { display: block !important; }
}
`;
