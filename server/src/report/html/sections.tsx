/**
 * The parts of the HTML report. Every value from the files goes through JSX, which escapes text
 * and attributes; nothing from the files is ever markup, a URL or code.
 */
import type { ComponentChildren } from 'preact';
import type { EvidenceKind } from '../../../../schemas/evidence';
import type { Report, RequirementReadiness } from '../../engine/report';
import { VERDICTS } from '../../engine/report';
import {
  evidenceSummary,
  formatAmounts,
  formatDay,
  kindLabel,
  kindsSummary,
  marketShare,
  plural,
  mixSummary,
  roadmapDetail,
  rowsOfStage,
  STAGES,
  statusLabel,
  unreadSummary,
  VERDICT_LABEL,
  VERDICT_MEANING,
  verdictReason,
} from '../words';
import { ConcentrationChart, EvidenceBar, EvidenceMixChart, ShareBar, Swatch, VerdictBar } from './charts';

/** How the parts render: the webview lets a click open a requirement, the export has no script. */
export interface RenderContext {
  interactive: boolean;
}

/** Where a click leads in the webview: the file and 0-based line, as data, never as code. */
function openAt(ctx: RenderContext, at: { file: string; line: number }) {
  return ctx.interactive ? { 'data-file': at.file, 'data-line': String(at.line) } : {};
}

function Where({ at }: { at: { path: string; line: number } }) {
  return <span class="where">{`${at.path}:${at.line + 1}`}</span>;
}

/** A requirement's id: a button that opens it in the webview, plain text in the export. */
function RequirementId({ row, ctx }: { row: RequirementReadiness; ctx: RenderContext }) {
  const label = row.id ?? 'no id';
  if (!ctx.interactive) return <span class="req-id">{label}</span>;
  return (
    <button type="button" class="req-id open" title={`Open ${row.path}:${row.line + 1}`} {...openAt(ctx, row)}>
      {label}
    </button>
  );
}

/** The page's heading: what the view shows (the webview's script changes it with the tab). */
export function Masthead({ report, heading }: { report: Report; heading: string }) {
  const unread = report.unreadFiles.length;
  return (
    <header class="masthead">
      <p class="eyebrow">Inbound · evidence report</p>
      <h1 id="report-heading">{heading}</h1>
      <p class="meta">
        {`As of ${formatDay(report.today)} · ${plural(report.headline.requirements, 'requirement')} in ${plural(report.files, 'file')}${unread ? ` (${unread} could not be read)` : ''} · ` +
          `the roadmap needs ${plural(report.policy.minMarketEvidence, 'market evidence item')} · ` +
          `evidence older than ${report.policy.staleAfterDays} days is stale`}
      </p>
    </header>
  );
}

function Kpi({ value, of, label, sub, tone, name }: { value: string; of?: string; label: string; sub: string; tone: string; name?: boolean }) {
  return (
    <div class={`kpi tone-${tone}${name ? ' kpi-name' : ''}`}>
      <span class="value">
        {value}
        {of && <small>{` of ${of}`}</small>}
      </span>
      <span class="label">{label}</span>
      <span class="sub">{sub}</span>
    </div>
  );
}

export function Headline({ report, ctx }: { report: Report; ctx: RenderContext }) {
  const r = report.headline.roadmap;
  const share = marketShare(report.evidenceMix);
  const top = report.concentration[0];
  const atRisk = report.byVerdict['at-risk'];
  const none = report.byVerdict['no-evidence'];
  return (
    <>
      {report.unreadFiles.length > 0 && <UnreadNotice report={report} ctx={ctx} />}
      <section class="kpis" aria-label="Headline">
        {r.total ? (
          <Kpi value={String(r.ready)} of={String(r.total)} label="roadmap items ready" sub={roadmapDetail(r)} tone={r.ready === r.total ? 'ready' : 'blocked'} />
        ) : (
          <Kpi value="—" label="Nothing on the roadmap yet" sub={`${report.headline.readyToPromote} ready to promote`} tone="neutral" />
        )}
        <Kpi
          value={String(atRisk)}
          label="at risk"
          sub={`rest on one account or on sales alone${none ? ` · ${none} without evidence` : ''}`}
          tone={atRisk ? 'at-risk' : 'ready'}
        />
        <Kpi
          value={share === undefined ? '—' : `${share}%`}
          label="market evidence"
          sub={share === undefined ? 'no evidence yet' : mixSummary(report.evidenceMix)}
          tone="market"
        />
        {top ? (
          // The account's whole name, wrapped if need be: the one name a roadmap review must read.
          <Kpi
            value={top.account}
            label={`drives ${plural(top.requirements, 'open requirement')}`}
            sub={`${top.withoutMarketEvidence} without market evidence${top.amounts.length ? ` · ${formatAmounts(top.amounts)}` : ''}`}
            tone="without-market"
            name
          />
        ) : (
          <Kpi value="—" label="no account drives the roadmap" sub="no open requirement rests on sales evidence" tone="neutral" />
        )}
      </section>
    </>
  );
}

/**
 * Files whose YAML could not be read, at the top of every view: their requirements are in no total
 * below, and a reader must not take the totals for the whole roadmap.
 */
function UnreadNotice({ report, ctx }: { report: Report; ctx: RenderContext }) {
  return (
    <section class="notice unread" role="note" aria-label="Files not read">
      <p>
        <strong>{unreadSummary(report.unreadFiles.map((f) => f.path))}</strong>
        {'. Their requirements are not counted in this report: fix the YAML first.'}
      </p>
      <ul>
        {report.unreadFiles.map((f) => (
          <li class={ctx.interactive ? 'openable' : undefined} {...openAt(ctx, f)}>
            <Where at={f} /> {f.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function VerdictOverview({ report }: { report: Report }) {
  return (
    <figure class="verdicts">
      <VerdictBar report={report} />
      <figcaption>
        <ul class="legend verdict-legend">
          {VERDICTS.map((v) => (
            <li class={report.byVerdict[v] ? '' : 'zero'}>
              <Swatch fill={v} />
              <strong>{`${report.byVerdict[v]} ${VERDICT_LABEL[v].toLowerCase()}`}</strong>
              <span class="meaning">{VERDICT_MEANING[v]}</span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** Codes that explain the verdict itself; the other findings are listed beside it. */
const VERDICT_CODES = new Set(['roadmap-gate', 'single-deal', 'sales-only', 'no-evidence']);

function ReadinessTable({ report, rows, ctx, max }: { report: Report; rows: RequirementReadiness[]; ctx: RenderContext; max: number }) {
  return (
    <div class="table-wrap">
      <table class="readiness">
        <thead>
          <tr>
            <th class="col-verdict">Verdict</th>
            <th class="col-req">Requirement</th>
            <th class="col-status">Status</th>
            <th class="col-evidence">Evidence</th>
            <th class="col-accounts">Accounts</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const others = row.findings.filter((f) => !VERDICT_CODES.has(f.code));
            const meta = [row.area, row.owner].filter(Boolean).join(' · ');
            return (
              <tr class={ctx.interactive ? 'openable' : undefined} {...openAt(ctx, row)}>
                <td>
                  <span class={`badge v-${row.verdict}`}>{VERDICT_LABEL[row.verdict]}</span>
                  <span class="why">{verdictReason(row, report)}</span>
                </td>
                <td>
                  <RequirementId row={row} ctx={ctx} /> <span class="req-title">{row.title ?? 'Untitled'}</span>
                  {meta && <span class="req-meta">{meta}</span>}
                  <span class="req-meta">
                    <Where at={row} />
                  </span>
                  {others.length > 0 && (
                    <span class="req-meta findings" title={others.map((f) => f.message).join('\n')}>
                      {`Also: ${[...new Set(others.map((f) => f.code))].join(', ')}`}
                    </span>
                  )}
                  {row.waiver && <span class="req-meta waiver">{`Waiver: ${row.waiver.reason}`}</span>}
                  {row.silenced.map((s) => (
                    <span class="req-meta silenced">{`Silenced ${s.code}: ${s.reason}`}</span>
                  ))}
                </td>
                <td>{statusLabel(row.status)}</td>
                <td>
                  <EvidenceBar sales={row.evidence.sales} market={row.evidence.market} sameAccount={row.evidence.sameAccount} max={max} />
                  <span class="evidence-count">{evidenceSummary(row.evidence)}</span>
                  {Object.keys(row.evidence.byKind).length > 0 && <span class="kinds">{kindsSummary(row.evidence.byKind)}</span>}
                  {row.evidence.incomplete > 0 && <span class="kinds">{`${row.evidence.incomplete} incomplete, not counted`}</span>}
                </td>
                <td>{row.accounts.length ? row.accounts.join(', ') : <span class="muted">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ReadinessSection({ report, ctx }: { report: Report; ctx: RenderContext }) {
  let max = 1;
  for (const r of report.requirements) max = Math.max(max, r.evidence.sales + r.evidence.market + r.evidence.sameAccount);
  return (
    <section id="readiness" class="report-section" aria-labelledby="readiness-title">
      <h2 id="readiness-title">Readiness</h2>
      <p class="lede">
        Every requirement with its evidence and verdict; what needs attention first.{' '}
        <span class="key">
          <Swatch fill="sales" /> sales <Swatch fill="market" /> market evidence
        </span>
      </p>
      {report.requirements.length === 0 && <p class="empty">No requirements yet.</p>}
      {STAGES.map((stage) => {
        const rows = rowsOfStage(report, stage.key);
        if (!rows.length) return null;
        return (
          <Group title={stage.title} count={rows.length}>
            <ReadinessTable report={report} rows={rows} ctx={ctx} max={max} />
          </Group>
        );
      })}
    </section>
  );
}

function Group({ title, count, children }: { title: string; count?: number; children: ComponentChildren }) {
  return (
    <div class="group">
      <h3>
        {title}
        {count !== undefined && <span class="count">{` ${count}`}</span>}
      </h3>
      {children}
    </div>
  );
}

export function ConcentrationSection({ report, ctx }: { report: Report; ctx: RenderContext }) {
  const accounts = report.concentration;
  // A driven id opens its requirement when the id names exactly one.
  const byId = new Map<string, RequirementReadiness | null>();
  for (const r of report.requirements) if (r.id) byId.set(r.id, byId.has(r.id) ? null : r);
  return (
    <section id="concentration" class="report-section" aria-labelledby="concentration-title">
      <div class="keep">
        <h2 id="concentration-title">Account concentration</h2>
        <p class="lede">
          The squeaky wheel: accounts whose sales conversations drive open requirements, most first. What one customer wants is not
          what every customer wants.
        </p>
        {accounts.length > 0 && (
          <figure>
            <ConcentrationChart accounts={accounts} />
            <figcaption>
              <ul class="legend">
                <li>
                  <Swatch fill="without-market" /> requirements with no market evidence
                </li>
                <li>
                  <Swatch fill="market" /> requirements that also have market evidence
                </li>
                {accounts.length > 10 && <li class="muted">{`Top 10 of ${accounts.length} accounts; all are in the table.`}</li>}
              </ul>
            </figcaption>
          </figure>
        )}
      </div>
      {accounts.length === 0 ? (
        <p class="empty">No open requirement rests on sales evidence.</p>
      ) : (
        <>
          <div class="table-wrap">
            <table class="concentration">
              <thead>
                <tr>
                  <th class="num">#</th>
                  <th>Account</th>
                  <th class="num">Open requirements</th>
                  <th class="num">Without market evidence</th>
                  <th class="num">On the roadmap</th>
                  <th class="num">Deals</th>
                  <th class="num">Deal amounts</th>
                  <th>Drives</th>
                </tr>
              </thead>
              <tbody>
                {accounts.map((a, i) => (
                  <tr>
                    <td class="num">{String(i + 1)}</td>
                    <td class="account">{a.account}</td>
                    <td class="num">{String(a.requirements)}</td>
                    <td class={`num${a.withoutMarketEvidence ? ' alarm' : ''}`}>{String(a.withoutMarketEvidence)}</td>
                    <td class="num">{String(a.onRoadmap)}</td>
                    <td class="num">{String(a.deals)}</td>
                    <td class="num">{a.amounts.length ? formatAmounts(a.amounts) : '—'}</td>
                    <td class="drives">
                      {a.drives.map((id, j) => {
                        const row = byId.get(id);
                        const sep = j > 0 ? ', ' : '';
                        if (!ctx.interactive || !row) {
                          return (
                            <>
                              {sep}
                              <span class="nowrap">{id}</span>
                            </>
                          );
                        }
                        return (
                          <>
                            {sep}
                            <button type="button" class="open" title={`Open ${row.path}:${row.line + 1}`} {...openAt(ctx, row)}>
                              {id}
                            </button>
                          </>
                        );
                      })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export function EvidenceSection({ report, ctx }: { report: Report; ctx: RenderContext }) {
  const mix = report.evidenceMix;
  const kinds = mix.byKind.filter((k) => k.count > 0);
  let maxKind = 1;
  for (const k of kinds) maxKind = Math.max(maxKind, k.count);
  return (
    <section id="evidence" class="report-section" aria-labelledby="evidence-title">
      <div class="keep">
        <h2 id="evidence-title">Evidence mix</h2>
        <p class="lede">How much of each area's evidence comes from the market, and how much from sales conversations.</p>
        {mix.byArea.length === 0 ? (
          <p class="empty">No requirements yet.</p>
        ) : (
          <figure>
            <EvidenceMixChart areas={mix.byArea} />
            <figcaption>
              <ul class="legend">
                <li>
                  <Swatch fill="sales" /> sales evidence: deals, RFPs
                </li>
                <li>
                  <Swatch fill="market" /> market evidence: interviews, tickets, metrics, research…
                </li>
                {mix.sameAccount > 0 && (
                  <li>
                    <Swatch fill="same-account" /> same account as the deal: market evidence from a deal's own customer, not counted
                  </li>
                )}
              </ul>
            </figcaption>
          </figure>
        )}
      </div>
      <div class="two-up">
        <Group title="By area">
          <table class="by-area">
            <thead>
              <tr>
                <th>Area</th>
                <th class="num">Requirements</th>
                <th class="num">Sales</th>
                <th class="num">Market</th>
                <th class="num" title="Market evidence from a deal's own account: the same voice, not counted as market evidence">Same account</th>
                <th class="num">Market share</th>
              </tr>
            </thead>
            <tbody>
              {mix.byArea.map((a) => {
                const share = marketShare(a);
                return (
                  <tr>
                    <td>
                      {a.area ?? <span class="muted">No area</span>}
                      {Object.keys(a.byKind).length > 0 && <span class="kinds">{kindsSummary(a.byKind)}</span>}
                    </td>
                    <td class="num">{String(a.requirements)}</td>
                    <td class="num">{String(a.sales)}</td>
                    <td class="num">{String(a.market)}</td>
                    <td class="num">{String(a.sameAccount)}</td>
                    <td class="num">{share === undefined ? '—' : `${share}%`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Group>
        <Group title="By kind">
          {kinds.length === 0 ? (
            <p class="empty">No complete evidence yet.</p>
          ) : (
            <table class="by-kind">
              <thead>
                <tr>
                  <th>Kind</th>
                  <th>Counts as</th>
                  <th class="num">Items</th>
                  <th aria-label="Share" />
                </tr>
              </thead>
              <tbody>
                {kinds.map((k) => (
                  <tr>
                    <td>{kindLabel(k.kind as EvidenceKind)}</td>
                    <td class="muted">{k.class}</td>
                    <td class="num">{String(k.count)}</td>
                    <td>
                      <ShareBar value={k.count} max={maxKind} fill={k.class} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Group>
      </div>

      <Group title="Stale evidence" count={report.staleEvidence.length}>
        {report.staleEvidence.length === 0 ? (
          <p class="empty">{`None: all evidence is younger than ${report.policy.staleAfterDays} days.`}</p>
        ) : (
          <>
            <p class="lede">{`Older than ${report.policy.staleAfterDays} days on ${formatDay(report.today)}: the market may have moved. Refresh it or add newer evidence.`}</p>
            <div class="table-wrap">
              <table class="stale">
                <thead>
                  <tr>
                    <th>Requirement</th>
                    <th>Kind</th>
                    <th>Account</th>
                    <th>Date</th>
                    <th class="num">Age (days)</th>
                    <th>File</th>
                  </tr>
                </thead>
                <tbody>
                  {report.staleEvidence.map((s) => (
                    <tr class={ctx.interactive ? 'openable' : undefined} {...openAt(ctx, s)}>
                      <td>
                        <span class="req-id">{s.requirement ?? 'no id'}</span> <span class="req-title">{s.title ?? ''}</span>
                      </td>
                      <td>{s.kind ? kindLabel(s.kind) : '—'}</td>
                      <td>{s.account ?? '—'}</td>
                      <td class="nowrap">{s.date}</td>
                      <td class="num">{String(s.ageDays)}</td>
                      <td>
                        <Where at={s} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Group>

      <Group title="Silenced findings" count={report.silenced.length}>
        {report.silenced.length === 0 ? (
          <p class="empty">None.</p>
        ) : (
          <>
            <p class="lede">Findings a person decided to accept, with the reason they gave in the file.</p>
            <div class="table-wrap">
              <table class="silenced">
                <thead>
                  <tr>
                    <th>Requirement</th>
                    <th>Finding</th>
                    <th>Reason</th>
                    <th>File</th>
                  </tr>
                </thead>
                <tbody>
                  {report.silenced.map((s) => (
                    <tr class={ctx.interactive ? 'openable' : undefined} {...openAt(ctx, s)}>
                      <td class="req-id">{s.requirement ?? '—'}</td>
                      <td>
                        <code>{s.code}</code>
                      </td>
                      <td>{s.reason}</td>
                      <td>
                        <Where at={s} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Group>

    </section>
  );
}
