/**
 * Two report models → the roadmap diff. Each side's report was built from its own files with its own
 * config (`buildReport(workspace, { details: true })`), so a verdict here is exactly the verdict the
 * editor and `inbound check` show on that side; this module only pairs requirements and compares.
 *
 * Pairing, in order:
 * 1. the same id in the same project (a requirement moved to another file, or its file renamed, is
 *    the same requirement: `moved`, never a removal and an addition);
 * 2. the same id, left over on both sides once in each, across projects (a new config made a folder a
 *    project of its own);
 * 3. the same content under a new id (`renamed`): the same title and the same complete evidence, item
 *    by item (see `contentSignature`), when exactly one removed and one added requirement have it;
 * 4. what is left is `removed` or `added`.
 * Requirements of a file one side could not read are not compared: they would look removed (or
 * added) when they are only unreadable there, and the file is named instead.
 */
import { displayPaths } from '../report/paths';
import type { Report, RequirementReadiness } from '../report/types';
import { compareItems, contentSignature, sameItems } from './evidence';
import type {
  AccountShift,
  Amounts,
  Cause,
  DiffRequirement,
  DiffSide,
  EvidenceChange,
  MovedRequirement,
  NewWarning,
  PolicyChange,
  PolicySetting,
  PolicySummary,
  RenamedRequirement,
  RequirementState,
  RoadmapDiff,
  VerdictChange,
  WaiverChange,
} from './types';

/** One project's report on one side. */
export interface ProjectReport {
  /** The project's folder for people, relative to where the diff is asked from ('.'). */
  project: string;
  /** Built with `details: true`. */
  report: Report;
}

export interface DiffInput {
  base: { label: string; commit?: string; projects: ProjectReport[] };
  head: { label: string; commit?: string; projects: ProjectReport[] };
}

interface Entry {
  project: string;
  report: Report;
  row: RequirementReadiness;
}

const WARNINGS = ['single-deal', 'sales-only'] as const;

export function diffReports(input: DiffInput): RoadmapDiff {
  const base = flatten(input.base.projects);
  const head = flatten(input.head.projects);
  const projectNames = new Set([...input.base.projects, ...input.head.projects].map((p) => p.project));
  const many = projectNames.size > 1;
  const unreadAtBase = new Set(input.base.projects.flatMap((p) => p.report.unreadFiles.map((f) => f.file)));
  const unreadAtHead = new Set(input.head.projects.flatMap((p) => p.report.unreadFiles.map((f) => f.file)));
  // Paths for people across both sides: each report left out the folder its own files share, and a
  // file renamed into a folder would read as moved from itself to itself.
  const unreadFiles = [...input.base.projects, ...input.head.projects].flatMap((p) => p.report.unreadFiles);
  const shown = displayPaths([...new Set([...base, ...head].map((e) => e.row.file).concat(unreadFiles.map((f) => f.file)))]);
  const pathOf = (file: string) => shown.get(file) ?? file;

  // 1. Same id (or, without one, same title), same project; the n-th of a duplicated id with the n-th.
  const pairs = new Map<Entry, Entry>(); // head → base
  const baseByKey = keyed(base);
  const taken = new Set<Entry>();
  for (const [key, heads] of keyed(head)) {
    const bases = baseByKey.get(key);
    if (!bases) continue;
    for (let i = 0; i < Math.min(bases.length, heads.length); i++) {
      pairs.set(heads[i], bases[i]);
      taken.add(bases[i]);
    }
  }
  // 2. Same id across projects, once on each side.
  const leftBase = () => base.filter((e) => !taken.has(e));
  const leftHead = () => head.filter((e) => !pairs.has(e));
  const lone = (entries: Entry[], key: (e: Entry) => string | undefined) => {
    const groups = new Map<string, Entry[]>();
    for (const e of entries) {
      const k = key(e);
      if (k === undefined) continue;
      const list = groups.get(k);
      if (list) list.push(e);
      else groups.set(k, [e]);
    }
    return new Map([...groups].filter(([, list]) => list.length === 1).map(([k, [e]]) => [k, e]));
  };
  const byId = (e: Entry) => e.row.id;
  const baseIds = lone(leftBase(), byId);
  for (const [id, h] of lone(leftHead(), byId)) {
    const b = baseIds.get(id);
    if (!b) continue;
    pairs.set(h, b);
    taken.add(b);
  }
  // 3. Same content under a new id.
  const renames = new Set<Entry>();
  const signature = (e: Entry) => contentSignature(e.row.title, e.row.detail?.evidence ?? []);
  const baseContent = lone(leftBase(), signature);
  for (const [content, h] of lone(leftHead(), signature)) {
    const b = baseContent.get(content);
    if (!b || b.row.id === h.row.id) continue;
    pairs.set(h, b);
    taken.add(b);
    renames.add(h);
  }

  const diff: RoadmapDiff = {
    today: input.head.projects[0]?.report.today ?? input.base.projects[0]?.report.today ?? '',
    base: side(input.base),
    head: side(input.head),
    entered: [],
    left: [],
    verdicts: [],
    evidence: [],
    warnings: [],
    waivers: [],
    added: [],
    removed: [],
    renamed: [],
    moved: [],
    concentration: concentrationShift(input.base.projects, input.head.projects),
    policy: [],
    attention: { blocked: [], atRisk: [] },
    unread: {
      base: input.base.projects.flatMap((p) => p.report.unreadFiles.map((f) => ({ ...f, path: pathOf(f.file) }))),
      head: input.head.projects.flatMap((p) => p.report.unreadFiles.map((f) => ({ ...f, path: pathOf(f.file) }))),
    },
  };
  // Each project's policy on both sides. A project only one side has (its config added or removed)
  // is compared with the project around it on the other side: where its files were judged before.
  const basePolicies = new Map(input.base.projects.map((p) => [p.project, policyOf(p.report)]));
  const headPolicies = new Map(input.head.projects.map((p) => [p.project, policyOf(p.report)]));
  const policyPairs = new Map<string, { base: PolicySummary; head: PolicySummary; config?: 'added' | 'removed' }>();
  for (const [project, after] of headPolicies) {
    const before = basePolicies.get(project) ?? basePolicies.get(enclosing(project, basePolicies.keys()) ?? '');
    if (before) policyPairs.set(project, { base: before, head: after, ...(basePolicies.has(project) ? {} : { config: 'added' as const }) });
  }
  for (const [project, before] of basePolicies) {
    if (headPolicies.has(project)) continue;
    const after = headPolicies.get(enclosing(project, headPolicies.keys()) ?? '');
    if (after) policyPairs.set(project, { base: before, head: after, config: 'removed' });
  }
  const policyOfPair = (b: Entry, h: Entry) => ({
    base: basePolicies.get(b.project),
    head: headPolicies.get(h.project),
  });
  const policyVerdicts = new Map<string, number>();

  const ref = (at: Entry, sideName: 'head' | 'base', b?: Entry, h?: Entry): DiffRequirement => ({
    ...(many ? { project: at.project } : {}),
    ...defined({ id: at.row.id, title: at.row.title }),
    file: at.row.file,
    path: pathOf(at.row.file),
    line: at.row.line,
    side: sideName,
    ...(b ? { base: stateOf(b) } : {}),
    ...(h ? { head: stateOf(h) } : {}),
  });

  for (const h of head) {
    const b = pairs.get(h);
    if (!b) {
      if (unreadAtBase.has(h.row.file)) continue;
      const r = ref(h, 'head', undefined, h);
      diff.added.push(r);
      if (h.row.onRoadmap) {
        diff.entered.push(r);
        attend(diff, r, undefined, h.row.verdict);
      }
      for (const code of WARNINGS) {
        const f = h.row.findings.find((x) => x.code === code);
        if (f) diff.warnings.push({ ...r, head: r.head!, code, message: f.message });
      }
      const waiver = h.row.detail?.waiver;
      if (waiver) diff.waivers.push({ ...r, change: 'added', to: waiver });
      continue;
    }
    const r = ref(h, 'head', b, h);
    if (renames.has(h)) diff.renamed.push({ ...r, from: b.row.id! } satisfies RenamedRequirement);
    else if (b.row.file !== h.row.file || b.project !== h.project) {
      diff.moved.push({
        ...r,
        from: { ...(many ? { project: b.project } : {}), file: b.row.file, path: pathOf(b.row.file), line: b.row.line },
      } satisfies MovedRequirement);
    }
    if (!b.row.onRoadmap && h.row.onRoadmap) diff.entered.push(r);
    if (b.row.onRoadmap && !h.row.onRoadmap) diff.left.push(r);
    if (h.row.onRoadmap) attend(diff, r, b.row.onRoadmap ? b.row.verdict : undefined, h.row.verdict);

    const bd = b.row.detail ?? { evidence: [] };
    const hd = h.row.detail ?? { evidence: [] };
    const items = compareItems(bd.evidence, hd.evidence);
    if (items.added.length || items.removed.length || items.reclassified.length) {
      diff.evidence.push({ ...r, base: r.base!, head: r.head!, ...items } satisfies EvidenceChange);
    }
    const codesBefore = new Set(b.row.findings.map((f) => f.code));
    for (const code of WARNINGS) {
      const f = h.row.findings.find((x) => x.code === code);
      if (f && !codesBefore.has(code)) diff.warnings.push({ ...r, head: r.head!, code, message: f.message } satisfies NewWarning);
    }
    const waiverChange = compareWaivers(bd.waiver, hd.waiver);
    if (waiverChange) diff.waivers.push({ ...r, ...waiverChange } satisfies WaiverChange);

    if (b.row.verdict !== h.row.verdict) {
      const because = causes(b, h, policyOfPair(b, h));
      const change: VerdictChange = { ...r, base: r.base!, head: r.head!, because };
      if (h.row.verdict === 'waived' && hd.waiver?.approvedBy) {
        change.approvedBy = hd.waiver.approvedBy;
        if (hd.waiver.reason) change.reason = hd.waiver.reason;
      }
      diff.verdicts.push(change);
      if (because.length === 1 && because[0] === 'policy') policyVerdicts.set(h.project, (policyVerdicts.get(h.project) ?? 0) + 1);
    }
  }
  for (const b of base) {
    if (taken.has(b) || unreadAtHead.has(b.row.file)) continue;
    const r = ref(b, 'base', b, undefined);
    diff.removed.push(r);
    if (b.row.onRoadmap) diff.left.push(r);
  }

  for (const [project, pair] of policyPairs) {
    const settings = comparePolicies(pair.base, pair.head);
    if (!settings.length && !pair.config) continue;
    diff.policy.push({ project, ...(pair.config ? { config: pair.config } : {}), settings, verdicts: policyVerdicts.get(project) ?? 0 } satisfies PolicyChange);
  }
  return diff;
}

/** What `--fail-on` reads: put on the roadmap in a verdict, or turned into it while on the roadmap. */
function attend(diff: RoadmapDiff, r: DiffRequirement, before: RequirementReadiness['verdict'] | undefined, now: RequirementReadiness['verdict']): void {
  if (now === before) return;
  if (now === 'blocked') diff.attention.blocked.push(r);
  else if ((now === 'at-risk' || now === 'no-evidence') && before !== 'blocked') diff.attention.atRisk.push(r);
}

function flatten(projects: readonly ProjectReport[]): Entry[] {
  return projects.flatMap((p) => p.report.requirements.map((row) => ({ project: p.project, report: p.report, row })));
}

/** By project and id (or title, for a requirement without an id), in order: duplicates pair in turn. */
function keyed(entries: readonly Entry[]): Map<string, Entry[]> {
  const out = new Map<string, Entry[]>();
  for (const e of entries) {
    const name = e.row.id !== undefined ? `id\u0000${e.row.id}` : `title\u0000${e.row.title ?? `${e.row.path}:${e.row.line}`}`;
    const key = `${e.project}\u0000${name}`;
    const list = out.get(key);
    if (list) list.push(e);
    else out.set(key, [e]);
  }
  return out;
}

function stateOf(e: Entry): RequirementState {
  const c = e.row.evidence;
  return {
    ...(e.row.status ? { status: e.row.status } : {}),
    onRoadmap: e.row.onRoadmap,
    verdict: e.row.verdict,
    evidence: { deals: c.deals, rfps: c.rfps, market: c.market, sameAccount: c.sameAccount, needs: e.report.policy.minMarketEvidence },
  };
}

function side(s: DiffInput['base']): DiffSide {
  const roadmap = { total: 0, ready: 0, waived: 0, blocked: 0, atRisk: 0, noEvidence: 0 };
  let files = 0;
  let requirements = 0;
  for (const { report } of s.projects) {
    files += report.files;
    requirements += report.requirements.length;
    for (const k of Object.keys(roadmap) as (keyof typeof roadmap)[]) roadmap[k] += report.headline.roadmap[k];
  }
  return { label: s.label, ...(s.commit ? { commit: s.commit } : {}), files, requirements, roadmap };
}

function compareWaivers(
  before: WaiverChange['from'],
  after: WaiverChange['to'],
): Pick<WaiverChange, 'change' | 'from' | 'to'> | undefined {
  if (!before && !after) return undefined;
  if (!before) return { change: 'added', to: after };
  if (!after) return { change: 'removed', from: before };
  const same = before.reason === after.reason && before.approvedBy === after.approvedBy && before.date === after.date && before.complete === after.complete;
  return same ? undefined : { change: 'changed', from: before, to: after };
}

function causes(b: Entry, h: Entry, policy: { base?: PolicySummary; head?: PolicySummary }): Cause[] {
  const out: Cause[] = [];
  if (b.row.status !== h.row.status) out.push('status');
  if (!sameItems(b.row.detail?.evidence ?? [], h.row.detail?.evidence ?? [])) out.push('evidence');
  if (JSON.stringify(b.row.detail?.waiver ?? null) !== JSON.stringify(h.row.detail?.waiver ?? null)) out.push('waiver');
  if ((b.row.owner ?? '') !== (h.row.owner ?? '')) out.push('owner');
  if (!policy.base || !policy.head || comparePolicies(policy.base, policy.head).length) out.push('policy');
  const quiet = (e: Entry) => e.row.silenced.map((s) => s.code).sort().join(' ');
  if (quiet(b) !== quiet(h)) out.push('silenced');
  return out.length ? out : ['other'];
}

/** The project around `project` (a relative folder; '.' is the root) among `others`: the deepest that holds it. */
function enclosing(project: string, others: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const o of others) {
    const holds = o === '.' || project.startsWith(`${o}/`);
    if (holds && o !== project && (best === undefined || best === '.' || o.length > best.length)) best = o;
  }
  return best;
}

function policyOf(report: Report): PolicySummary {
  return { ...report.policy, rules: report.rules ?? {} };
}

function comparePolicies(before: PolicySummary, after: PolicySummary): PolicySetting[] {
  const out: PolicySetting[] = [];
  const statuses = (p: PolicySummary) => p.roadmapStatuses.join(', ');
  if (statuses(before) !== statuses(after)) out.push({ setting: 'roadmap.statuses', base: statuses(before), head: statuses(after) });
  if (before.minMarketEvidence !== after.minMarketEvidence) {
    out.push({ setting: 'roadmap.min-market-evidence', base: String(before.minMarketEvidence), head: String(after.minMarketEvidence) });
  }
  if (before.staleAfterDays !== after.staleAfterDays) {
    out.push({ setting: 'stale-after-days', base: String(before.staleAfterDays), head: String(after.staleAfterDays) });
  }
  const codes = [...new Set([...Object.keys(before.rules), ...Object.keys(after.rules)])].sort() as (keyof PolicySummary['rules'])[];
  for (const code of codes) {
    const was = before.rules[code] ?? 'default';
    const now = after.rules[code] ?? 'default';
    if (was !== now) out.push({ setting: `rules.${code}`, base: was, head: now });
  }
  return out;
}

interface AccountTally {
  account: string;
  onRoadmap: number;
  requirements: number;
  withoutMarketEvidence: number;
  amounts: Map<string, number>;
}

/** Accounts summed over the projects of a side (an account is one customer, whichever package it asks of). */
function tallyAccounts(projects: readonly ProjectReport[]): Map<string, AccountTally> {
  const out = new Map<string, AccountTally>();
  for (const { report } of projects) {
    for (const a of report.concentration) {
      const key = a.account.trim().replace(/\s+/g, ' ').toLowerCase();
      let t = out.get(key);
      if (!t) {
        t = { account: a.account, onRoadmap: 0, requirements: 0, withoutMarketEvidence: 0, amounts: new Map() };
        out.set(key, t);
      }
      t.onRoadmap += a.onRoadmap;
      t.requirements += a.requirements;
      t.withoutMarketEvidence += a.withoutMarketEvidence;
      for (const m of a.amounts) t.amounts.set(m.currency ?? '', (t.amounts.get(m.currency ?? '') ?? 0) + m.total);
    }
  }
  return out;
}

function amountList(amounts: Map<string, number> | undefined): Amounts[] {
  if (!amounts) return [];
  return [...amounts.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'en')))
    .map(([currency, total]) => (currency ? { currency, total } : { total }));
}

/**
 * The squeaky wheel, before and after: accounts that drive more roadmap items, or more deal value in
 * some currency, at head than at the base. Most roadmap items gained first, then by name.
 */
function concentrationShift(before: readonly ProjectReport[], after: readonly ProjectReport[]): AccountShift[] {
  const b = tallyAccounts(before);
  const h = tallyAccounts(after);
  const out: AccountShift[] = [];
  for (const [key, now] of h) {
    const was = b.get(key);
    const moreRoadmap = now.onRoadmap > (was?.onRoadmap ?? 0);
    const moreValue = [...now.amounts].some(([currency, total]) => total > (was?.amounts.get(currency) ?? 0));
    if (!moreRoadmap && !moreValue) continue;
    out.push({
      account: now.account,
      onRoadmap: { base: was?.onRoadmap ?? 0, head: now.onRoadmap },
      requirements: { base: was?.requirements ?? 0, head: now.requirements },
      withoutMarketEvidence: { base: was?.withoutMarketEvidence ?? 0, head: now.withoutMarketEvidence },
      amounts: { base: amountList(was?.amounts), head: amountList(now.amounts) },
    });
  }
  return out.sort(
    (x, y) =>
      y.onRoadmap.head - y.onRoadmap.base - (x.onRoadmap.head - x.onRoadmap.base) ||
      y.onRoadmap.head - x.onRoadmap.head ||
      x.account.localeCompare(y.account, 'en'),
  );
}

function defined<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
