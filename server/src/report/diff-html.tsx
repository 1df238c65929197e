/**
 * The roadmap diff as HTML, in the report's style (its stylesheet and palettes): one self-contained
 * file that works offline with no script and a policy that would refuse one (`inbound diff --format
 * html`), or the page of a VS Code webview, whose one script (the report's, allowed by its nonce)
 * turns a click on a requirement into `{ type: 'open', file, line }`. Every value from the files goes
 * through JSX, which escapes text and attributes.
 */
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { DiffRequirement, RoadmapDiff } from '../engine/diff';
import type { Verdict } from '../engine/report';
import {
  amountsChange,
  because,
  configChange,
  countChange,
  diffHeadline,
  evidenceWhy,
  itemText,
  movedText,
  notToldAbove,
  reclassifiedText,
  requirementName,
  sideName,
  statusChange,
  waiverText,
} from './diff-words';
import { contentSecurityPolicy } from './html/document';
import type { HtmlOptions } from './html/document';
import { EXPORT_PALETTE, LAYOUT, WEBVIEW_PALETTE } from './html/styles';
import { WEBVIEW_SCRIPT } from './html/webview-script';
import { formatDay, plural, VERDICT_LABEL } from './words';

export type DiffHtmlOptions = { target?: 'export' } | { target: 'webview'; nonce: string; cspSource: string };

/** The page's heading, and (with the base's name) the editor tab's title. */
export const DIFF_HEADING = 'Roadmap diff';

export function diffTitle(d: Pick<RoadmapDiff, 'base'>): string {
  return `${DIFF_HEADING}: ${d.base.label}`;
}

const DIFF_STYLE = `
.diff-headline { margin: 0 0 18px; max-width: 90ch; font-size: 17px; line-height: 1.45; }
.arrow { color: var(--muted); padding: 0 4px; }
.items { margin: 0; padding-left: 16px; }
.items li { margin: 0 0 2px; }
.added::marker { content: "+ "; color: var(--ready); font-weight: 700; }
.removed::marker { content: "− "; color: var(--blocked); font-weight: 700; }
.diff td.change { font-weight: 600; white-space: nowrap; }
`;

interface Ctx {
  interactive: boolean;
}

function Badge({ verdict }: { verdict: Verdict | undefined }) {
  if (!verdict) return <span class="muted">removed</span>;
  return <span class={`badge v-${verdict}`}>{VERDICT_LABEL[verdict]}</span>;
}

function VerdictMove({ before, after }: { before?: Verdict; after?: Verdict }) {
  if (!before || before === after) return <Badge verdict={after} />;
  return (
    <>
      <Badge verdict={before} />
      <span class="arrow">→</span>
      <Badge verdict={after} />
    </>
  );
}

/** Id and title; at head, a click in the webview opens it (data, never code). */
function Requirement({ r, ctx, label }: { r: DiffRequirement; ctx: Ctx; label?: string }) {
  const name = label ?? r.id ?? requirementName(r);
  const where = `${r.path}:${r.line + 1}`;
  const open = ctx.interactive && r.side === 'head';
  return (
    <>
      {open ? (
        <button type="button" class="req-id open" title={`Open ${where}`} data-file={r.file} data-line={String(r.line)}>
          {name}
        </button>
      ) : (
        <span class="req-id">{name}</span>
      )}{' '}
      <span class="req-title">{r.title ?? 'Untitled'}</span>
      <span class="req-meta where">{r.side === 'base' ? `${where} (at the base)` : where}</span>
    </>
  );
}

function rowAttrs(r: DiffRequirement, ctx: Ctx) {
  return ctx.interactive && r.side === 'head' ? { class: 'openable', 'data-file': r.file, 'data-line': String(r.line) } : {};
}

function Section({ title, count, lede, children }: { title: string; count?: number; lede?: string; children: ComponentChildren }) {
  return (
    <section class="report-section diff">
      <h2>
        {title}
        {count !== undefined && <span class="muted">{` (${count})`}</span>}
      </h2>
      {lede && <p class="lede">{lede}</p>}
      <div class="table-wrap">{children}</div>
    </section>
  );
}

function Head({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th>{c}</th>
        ))}
      </tr>
    </thead>
  );
}

export function renderDiffHtml(d: RoadmapDiff, options: DiffHtmlOptions = {}): string {
  const webview = options.target === 'webview' ? options : undefined;
  if (webview && !/^[A-Za-z0-9+/=_-]{16,}$/.test(webview.nonce)) {
    throw new Error('renderDiffHtml: the nonce must be at least 16 random base64 or hex characters');
  }
  const ctx: Ctx = { interactive: !!webview };
  const csp = contentSecurityPolicy((webview ?? { target: 'export' }) as HtmlOptions);
  const verdicts = d.verdicts.filter(notToldAbove(d));
  const changes: { change: string; r: DiffRequirement; label?: string; where?: string }[] = [
    ...d.added.map((r) => ({ change: 'Added', r })),
    ...d.removed.map((r) => ({ change: 'Removed', r })),
    ...d.renamed.map((r) => ({ change: 'Renamed', r, label: `${r.from} → ${r.id ?? ''}` })),
    ...d.moved.map((r) => ({ change: 'Moved', r, where: movedText(r) })),
  ];
  const unread = [...d.unread.head.map((f) => ({ side: 'head', f })), ...d.unread.base.map((f) => ({ side: 'base', f }))];

  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content={csp} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {!webview && <meta name="color-scheme" content="light dark" />}
        <meta name="generator" content="Inbound" />
        <title>{`${diffTitle(d)} — ${formatDay(d.today)}`}</title>
        <style nonce={webview?.nonce} dangerouslySetInnerHTML={{ __html: (webview ? WEBVIEW_PALETTE : EXPORT_PALETTE) + LAYOUT + DIFF_STYLE }} />
      </head>
      <body>
        <main>
          <header class="masthead">
            <p class="eyebrow">Inbound · roadmap diff</p>
            <h1 id="report-heading">{DIFF_HEADING}</h1>
            <p class="meta">
              {`Base: ${sideName(d.base)} · head: ${sideName(d.head)} · judged on ${formatDay(d.today)}, each side with its own inbound.config.yaml`}
            </p>
          </header>
          <p class="diff-headline">{diffHeadline(d, (t) => t)}</p>
          <section class="kpis" aria-label="Roadmap before and after">
            <Kpi label="roadmap items" base={d.base.roadmap.total} head={d.head.roadmap.total} tone="neutral" />
            <Kpi label="ready" base={d.base.roadmap.ready} head={d.head.roadmap.ready} tone="ready" />
            <Kpi label="blocked by the gate" base={d.base.roadmap.blocked} head={d.head.roadmap.blocked} tone="blocked" />
            <Kpi label="at risk" base={d.base.roadmap.atRisk} head={d.head.roadmap.atRisk} tone="at-risk" />
          </section>

          {unread.length > 0 && (
            <Section title="Files not read" lede="Their YAML could not be read on one side, so their requirements are not compared. Fix them first.">
              <table>
                <Head columns={['Side', 'File', 'Problem']} />
                <tbody>
                  {unread.map(({ side, f }) => (
                    <tr>
                      <td>{side}</td>
                      <td class="where">{`${f.path}:${f.line + 1}`}</td>
                      <td>{f.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
          )}

          {d.entered.length > 0 && (
            <Section title="Onto the roadmap" count={d.entered.length}>
              <table>
                <Head columns={['Verdict', 'Requirement', 'Status', 'Evidence']} />
                <tbody>
                  {d.entered.map((r) => (
                    <tr {...rowAttrs(r, ctx)}>
                      <td>
                        <Badge verdict={r.head?.verdict} />
                      </td>
                      <td>
                        <Requirement r={r} ctx={ctx} />
                      </td>
                      <td>{statusChange(r)}</td>
                      <td>{evidenceWhy(r.head!)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
          )}

          {d.left.length > 0 && (
            <Section title="Off the roadmap" count={d.left.length}>
              <table>
                <Head columns={['Requirement', 'Status', 'Verdict']} />
                <tbody>
                  {d.left.map((r) => (
                    <tr {...rowAttrs(r, ctx)}>
                      <td>
                        <Requirement r={r} ctx={ctx} />
                      </td>
                      <td>{statusChange(r)}</td>
                      <td>
                        <VerdictMove before={r.base?.verdict} after={r.head?.verdict} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
          )}

          {verdicts.length > 0 && (
            <Section title="Verdicts changed" count={verdicts.length}>
              <table>
                <Head columns={['Requirement', 'Verdict', 'Because', 'Evidence now']} />
                <tbody>
                  {verdicts.map((v) => (
                    <tr {...rowAttrs(v, ctx)}>
                      <td>
                        <Requirement r={v} ctx={ctx} />
                      </td>
                      <td>
                        <VerdictMove before={v.base.verdict} after={v.head.verdict} />
                      </td>
                      <td>{because(v, d)}</td>
                      <td>{evidenceWhy(v.head)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
          )}

          {d.warnings.length > 0 && (
            <Section title="New single-deal and sales-only warnings" count={d.warnings.length}>
              <table>
                <Head columns={['Requirement', 'Warning', 'Message']} />
                <tbody>
                  {d.warnings.map((w) => (
                    <tr {...rowAttrs(w, ctx)}>
                      <td>
                        <Requirement r={w} ctx={ctx} />
                      </td>
                      <td>
                        <code>{w.code}</code>
                      </td>
                      <td>{w.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
          )}

          {d.evidence.length > 0 && (
            <Section title="Evidence" count={d.evidence.length}>
              <table>
                <Head columns={['Requirement', 'Added and removed', 'Sales', 'Market']} />
                <tbody>
                  {d.evidence.map((e) => (
                    <tr {...rowAttrs(e, ctx)}>
                      <td>
                        <Requirement r={e} ctx={ctx} />
                      </td>
                      <td>
                        <ul class="items">
                          {e.added.map((x) => (
                            <li class="added">{itemText(x)}</li>
                          ))}
                          {e.reclassified.map((x) => (
                            <li>{reclassifiedText(x)}</li>
                          ))}
                          {e.removed.map((x) => (
                            <li class="removed">{itemText(x)}</li>
                          ))}
                        </ul>
                      </td>
                      <td class="num">{countChange(e.base.evidence.deals + e.base.evidence.rfps, e.head.evidence.deals + e.head.evidence.rfps)}</td>
                      <td class="num">{countChange(e.base.evidence.market, e.head.evidence.market)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
          )}

          {d.waivers.length > 0 && (
            <Section title="Waivers" count={d.waivers.length}>
              <table>
                <Head columns={['Requirement', 'Change', 'Before', 'Now']} />
                <tbody>
                  {d.waivers.map((w) => (
                    <tr {...rowAttrs(w, ctx)}>
                      <td>
                        <Requirement r={w} ctx={ctx} />
                      </td>
                      <td class="change">{w.change}</td>
                      <td>{waiverText(w.from)}</td>
                      <td>{waiverText(w.to)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
          )}

          {changes.length > 0 && (
            <Section title="Requirements added, removed, renamed or moved" count={changes.length}>
              <table>
                <Head columns={['Change', 'Requirement', 'Status']} />
                <tbody>
                  {changes.map(({ change, r, label, where }) => (
                    <tr {...rowAttrs(r, ctx)}>
                      <td class="change">{change}</td>
                      <td>
                        <Requirement r={r} ctx={ctx} label={label} />
                        {where && <span class="req-meta where">{where}</span>}
                      </td>
                      <td>{statusChange(r)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
          )}

          {d.concentration.length > 0 && (
            <Section title="Account concentration" lede="Accounts whose sales conversations now drive more of the roadmap, or more deal value, than at the base.">
              <table>
                <Head columns={['Account', 'Roadmap items', 'Open requirements', 'Without market evidence', 'Deal amounts']} />
                <tbody>
                  {d.concentration.map((a) => (
                    <tr>
                      <td class="account">{a.account}</td>
                      <td class="num">{countChange(a.onRoadmap.base, a.onRoadmap.head)}</td>
                      <td class="num">{countChange(a.requirements.base, a.requirements.head)}</td>
                      <td class="num">{countChange(a.withoutMarketEvidence.base, a.withoutMarketEvidence.head)}</td>
                      <td class="num">{amountsChange(a.amounts.base, a.amounts.head)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
          )}

          {d.policy.length > 0 && (
            <Section title="Policy" lede="The configs changed; each side is judged with its own.">
              <table>
                <Head columns={['Project', 'Setting', 'Base', 'Head', 'Verdicts it alone turned']} />
                <tbody>
                  {d.policy.flatMap((p) =>
                    p.settings.map((s, i) => (
                      <tr>
                        <td>{p.project + configChange(p)}</td>
                        <td>
                          <code>{s.setting}</code>
                        </td>
                        <td>{s.base}</td>
                        <td>{s.head}</td>
                        <td class="num">{i === 0 ? String(p.verdicts) : ''}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </Section>
          )}

          <footer>{`${plural(d.base.requirements, 'requirement')} in ${plural(d.base.files, 'file')} at the base, ${plural(d.head.requirements, 'requirement')} in ${plural(d.head.files, 'file')} at head. Made by Inbound on ${formatDay(d.today)}.`}</footer>
        </main>
        {webview && <script nonce={webview.nonce} dangerouslySetInnerHTML={{ __html: WEBVIEW_SCRIPT }} />}
      </body>
    </html>
  );
  return '<!doctype html>\n' + render(page) + '\n';
}

function Kpi({ label, base, head, tone }: { label: string; base: number; head: number; tone: string }) {
  return (
    <div class={`kpi tone-${tone}`}>
      <span class="value">
        {String(head)}
        {base !== head && <small>{` from ${base}`}</small>}
      </span>
      <span class="label">{label}</span>
      <span class="sub">{base === head ? 'unchanged' : head > base ? `${head - base} more than at the base` : `${base - head} fewer than at the base`}</span>
    </div>
  );
}
