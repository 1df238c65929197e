/**
 * The charts, drawn as inline SVG on the server: they need no script, print crisply, and take their
 * colours from the page's CSS variables (classes, never inline styles, which a strict content
 * security policy forbids), so they follow the light, dark or VS Code theme.
 */
import type { AccountConcentration, AreaEvidence, Report, Verdict } from '../../engine/report';
import { VERDICTS } from '../../engine/report';
import { formatAmounts, marketShare, mixSummary, plural, VERDICT_LABEL } from '../words';

const ROW = 30;
const BAR = 16;
const BAR_MAX = 380;
/** About the width of one character of the charts' 13px labels, to size the label column. */
const CHAR = 7.4;

/** Very long names are cut in the chart (the full name is in the tooltip and the table). */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

/**
 * A bar chart's columns, sized to what it shows: the label column fits the longest label, and the
 * chart is as wide as its longest value text, so no label or value is cut off at the edge.
 */
function layout(labels: readonly string[], values: readonly string[]) {
  let longestLabel = 0;
  for (const l of labels) longestLabel = Math.max(longestLabel, Array.from(l).length);
  let longestValue = 0;
  for (const v of values) longestValue = Math.max(longestValue, Array.from(v).length);
  const labelWidth = Math.round(Math.max(60, longestLabel * CHAR));
  const barX = labelWidth + 10;
  return { labelWidth, barX, width: Math.round(barX + BAR_MAX + 10 + longestValue * CHAR + 10) };
}

const LABEL_MAX = 40;

function scale(value: number, max: number, width: number): number {
  return max > 0 ? (value / max) * width : 0;
}

/** All requirements in one bar, a segment per verdict. */
export function VerdictBar({ report }: { report: Report }) {
  const total = report.requirements.length;
  let x = 0;
  const label = VERDICTS.filter((v) => report.byVerdict[v] > 0)
    .map((v) => `${VERDICT_LABEL[v]} ${report.byVerdict[v]}`)
    .join(', ');
  return (
    <svg class="chart-verdicts" viewBox="0 0 1000 24" preserveAspectRatio="none" role="img" aria-label={`Verdicts: ${label || 'no requirements'}`}>
      <rect class="fill-track" x={0} y={0} width={1000} height={24} rx={5} />
      {VERDICTS.map((v) => {
        const n = report.byVerdict[v];
        if (!n) return null;
        const w = scale(n, total, 1000);
        const seg = (
          <rect class={`seg fill-${v}`} x={round(x)} y={0} width={round(w)} height={24}>
            <title>{`${VERDICT_LABEL[v]}: ${n}`}</title>
          </rect>
        );
        x += w;
        return seg;
      })}
    </svg>
  );
}

/** The squeaky wheel: one bar per account, split into requirements with and without market evidence. */
export function ConcentrationChart({ accounts }: { accounts: readonly AccountConcentration[] }) {
  const shown = accounts.slice(0, 10);
  let max = 1;
  for (const a of shown) max = Math.max(max, a.requirements);
  const labels = shown.map((a) => truncate(a.account, LABEL_MAX));
  // The amounts are in the table and the tooltip: the bar's text stays short enough to read.
  const values = shown.map((a) => `${a.requirements} · ${a.withoutMarketEvidence} without market evidence`);
  const { labelWidth, barX, width } = layout(labels, values);
  const height = shown.length * ROW + 8;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Accounts by the open requirements their sales evidence drives: ${shown.map((a) => `${a.account} ${a.requirements}`).join(', ')}`}
    >
      {shown.map((a, i) => {
        const y = i * ROW + 4;
        const without = scale(a.withoutMarketEvidence, max, BAR_MAX);
        const withMarket = scale(a.requirements - a.withoutMarketEvidence, max, BAR_MAX);
        const amounts = a.amounts.length ? ` · ${formatAmounts(a.amounts)}` : '';
        return (
          <g>
            <title>{`${a.account}: ${plural(a.requirements, 'open requirement')}, ${a.withoutMarketEvidence} without market evidence${amounts}`}</title>
            <text class="label" x={labelWidth} y={y + BAR - 3} text-anchor="end">
              {labels[i]}
            </text>
            <rect class="fill-track" x={barX} y={y} width={BAR_MAX} height={BAR} rx={3} />
            {without > 0 && <rect class="fill-without-market" x={barX} y={y} width={round(without)} height={BAR} rx={3} />}
            {withMarket > 0 && <rect class="fill-market" x={round(barX + without)} y={y} width={round(withMarket)} height={BAR} rx={3} />}
            <text class="value" x={barX + BAR_MAX + 10} y={y + BAR - 3}>
              {`${a.requirements}`}
              <tspan class="muted">{` · ${a.withoutMarketEvidence} without market evidence`}</tspan>
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Per area, its evidence stacked: sales conversations, the deals' own accounts again, and the market. */
export function EvidenceMixChart({ areas }: { areas: readonly AreaEvidence[] }) {
  let max = 1;
  for (const a of areas) max = Math.max(max, a.sales + a.market + a.sameAccount);
  const labels = areas.map((a) => truncate(a.area ?? 'No area', LABEL_MAX));
  const values = areas.map((a) => {
    const share = marketShare(a);
    return `${share === undefined ? 'no evidence' : `${share}% market`} · ${mixSummary(a)}`;
  });
  const { labelWidth, barX, width } = layout(labels, values);
  const height = areas.length * ROW + 8;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Evidence per area: ${areas.map((a) => `${a.area ?? 'No area'} ${mixSummary(a)}`).join('; ')}`}
    >
      {areas.map((a, i) => {
        const y = i * ROW + 4;
        const sales = scale(a.sales, max, BAR_MAX);
        const same = scale(a.sameAccount, max, BAR_MAX);
        const market = scale(a.market, max, BAR_MAX);
        const share = marketShare(a);
        return (
          <g>
            <title>{`${a.area ?? 'No area'}: ${mixSummary(a)}`}</title>
            <text class="label" x={labelWidth} y={y + BAR - 3} text-anchor="end">
              {labels[i]}
            </text>
            <rect class="fill-track" x={barX} y={y} width={BAR_MAX} height={BAR} rx={3} />
            {sales > 0 && <rect class="fill-sales" x={barX} y={y} width={round(sales)} height={BAR} rx={3} />}
            {same > 0 && <rect class="fill-same-account" x={round(barX + sales)} y={y} width={round(same)} height={BAR} rx={3} />}
            {market > 0 && <rect class="fill-market" x={round(barX + sales + same)} y={y} width={round(market)} height={BAR} rx={3} />}
            <text class="value" x={barX + BAR_MAX + 10} y={y + BAR - 3}>
              {share === undefined ? 'no evidence' : `${share}% market`}
              <tspan class="muted">{` · ${mixSummary(a)}`}</tspan>
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A requirement's own evidence in a small bar, on the report's common scale so rows compare. */
export function EvidenceBar({ sales, market, sameAccount, max }: { sales: number; market: number; sameAccount: number; max: number }) {
  const width = 96;
  const s = scale(sales, max, width);
  const a = scale(sameAccount, max, width);
  const m = scale(market, max, width);
  return (
    <svg class="mini" viewBox={`0 0 ${width} 8`} width={width} height={8} aria-hidden="true">
      <rect class="fill-track" x={0} y={0} width={width} height={8} rx={2} />
      {s > 0 && <rect class="fill-sales" x={0} y={0} width={round(s)} height={8} rx={2} />}
      {a > 0 && <rect class="fill-same-account" x={round(s)} y={0} width={round(a)} height={8} rx={2} />}
      {m > 0 && <rect class="fill-market" x={round(s + a)} y={0} width={round(m)} height={8} rx={2} />}
    </svg>
  );
}

/** A plain proportion bar, for the kinds table. */
export function ShareBar({ value, max, fill }: { value: number; max: number; fill: 'sales' | 'market' }) {
  const width = 120;
  return (
    <svg class="mini" viewBox={`0 0 ${width} 8`} width={width} height={8} aria-hidden="true">
      <rect class="fill-track" x={0} y={0} width={width} height={8} rx={2} />
      {value > 0 && <rect class={`fill-${fill}`} x={0} y={0} width={round(scale(value, max, width))} height={8} rx={2} />}
    </svg>
  );
}

/** A square of a verdict's or a class's colour, for legends. */
export function Swatch({ fill }: { fill: Verdict | 'sales' | 'market' | 'without-market' | 'same-account' }) {
  return (
    <svg class="swatch" viewBox="0 0 10 10" width={10} height={10} aria-hidden="true">
      <rect class={`fill-${fill}`} x={0} y={0} width={10} height={10} rx={2} />
    </svg>
  );
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
