/**
 * Generates the benchmark's requirement files: a workspace of many files, and one large file, with
 * the mix of evidence, mistakes and cross-file links a real team's folder has. Realism matters for a
 * benchmark: findings are part of the work (rules, messages, the JSON output), so a workspace with
 * none would flatter the checker, and one where everything is wrong would punish it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Cumulative, longTail, Random } from './random';
import {
  accountPool,
  AREAS,
  COMPETITORS,
  IGNORE_REASONS,
  METRICS,
  NOTES,
  OBJECTS,
  OWNERS,
  PERSONS,
  PROBLEM_SENTENCES,
  QUALIFIERS,
  REQUIREMENT_COMMENTS,
  SEGMENTS,
  SOURCES,
  TOPICS,
  VERBS,
  WAIVER_REASONS,
} from './vocabulary';

export interface WorkloadOptions {
  seed: number;
  /** The date the checks run on; evidence dates are placed relative to it. */
  today: string;
}

export interface GeneratedWorkspace {
  dir: string;
  files: string[];
  requirements: number;
  bytes: number;
}

const STATUS_WEIGHTS = { idea: 20, proposed: 22, validated: 18, roadmap: 12, 'in-progress': 8, shipped: 13, rejected: 7 } as const;
type Status = keyof typeof STATUS_WEIGHTS;

/** Sales deals and the two cheapest kinds of market evidence are what teams collect most. */
const KIND_WEIGHTS = {
  'sales-deal': 26,
  interview: 20,
  'support-tickets': 16,
  rfp: 4,
  metric: 6,
  survey: 5,
  research: 4,
  analyst: 3,
  competitor: 5,
  'win-loss': 4,
  community: 4,
  'usability-test': 3,
} as const;
type Kind = keyof typeof KIND_WEIGHTS;
const SALES_KINDS: readonly Kind[] = ['sales-deal', 'rfp'];
const MARKET_KINDS = (Object.keys(KIND_WEIGHTS) as Kind[]).filter((k) => !SALES_KINDS.includes(k));

interface Planned {
  id: string;
  status: Status;
  dependsOn: string[];
}

interface PlannedFile {
  path: string;
  area: { name: string; prefix: string };
  topic: string;
  requirements: Planned[];
}

/** Writes both workloads under `root`, replacing what was there. */
export function generateWorkloads(root: string, options: WorkloadOptions): { tenThousand: GeneratedWorkspace; twoThousand: GeneratedWorkspace } {
  const random = new Random(options.seed);
  const tenThousand = writeWorkspace(join(root, 'ten-thousand'), planWorkspace(random.fork(1), 200, 10_000), random.fork(2), options);
  const big = planSingleFile(random.fork(3), 2_000);
  const twoThousand = writeWorkspace(join(root, 'two-thousand'), [big], random.fork(4), options);
  return { tenThousand, twoThousand };
}

/**
 * One workspace of `requirements` requirements in `files` files, written like the 10,000-requirement
 * one (the memory measure uses 100,000 in 2,000 files).
 */
export function generateWorkspace(dir: string, options: WorkloadOptions & { files: number; requirements: number }): GeneratedWorkspace {
  const random = new Random(options.seed);
  return writeWorkspace(dir, planWorkspace(random.fork(1), options.files, options.requirements), random.fork(2), options);
}

// ----- planning: ids, statuses and the dependency graph, before any text ----------------------------

function planWorkspace(random: Random, fileCount: number, total: number): PlannedFile[] {
  // Files of one area take consecutive id ranges, as a team that splits an area into topics does.
  const sizes = splitSizes(random, fileCount, total);
  const files: PlannedFile[] = [];
  const nextNumber = new Map<string, number>();
  sizes.forEach((size, i) => {
    const area = AREAS[i % AREAS.length];
    const topic = TOPICS[Math.floor(i / AREAS.length) % TOPICS.length];
    let n = nextNumber.get(area.prefix) ?? random.int(1, 12) * 100;
    const requirements: Planned[] = [];
    for (let j = 0; j < size; j++) {
      // Deleted requirements leave gaps; ids are never reused.
      if (random.chance(0.08)) n += random.int(1, 3);
      requirements.push({ id: `${area.prefix}-${n++}`, status: random.weighted(STATUS_WEIGHTS), dependsOn: [] });
    }
    nextNumber.set(area.prefix, n);
    // Past every area and topic (a workspace of thousands of files), a topic's later files are numbered.
    const round = Math.floor(i / (AREAS.length * TOPICS.length));
    files.push({ path: `${slug(area.name)}/${topic}${round ? `-${round + 1}` : ''}.req.yaml`, area, topic, requirements });
  });
  // Copy-paste between files: the same id in two places, a handful in a large workspace.
  const all = files.flatMap((f) => f.requirements);
  for (let k = 0; k < 12; k++) random.pick(all).id = random.pick(all).id;
  planDependencies(random, files);
  return files;
}

function planSingleFile(random: Random, size: number): PlannedFile {
  const area = { name: 'Marketplace', prefix: 'MKT' };
  let n = 1000;
  const requirements: Planned[] = [];
  for (let j = 0; j < size; j++) {
    if (random.chance(0.08)) n += random.int(1, 3);
    requirements.push({ id: `${area.prefix}-${n++}`, status: random.weighted(STATUS_WEIGHTS), dependsOn: [] });
  }
  for (let k = 0; k < 3; k++) random.pick(requirements).id = random.pick(requirements).id;
  const file = { path: 'marketplace.req.yaml', area, topic: 'core', requirements };
  planDependencies(random, [file]);
  return file;
}

/**
 * Mostly on earlier requirements of the same file, sometimes across files; a few name a requirement
 * that does not exist (a typo, a deleted one), and two cycles close the graph on itself.
 */
function planDependencies(random: Random, files: PlannedFile[]): void {
  const all = files.flatMap((f) => f.requirements);
  const indexOf = new Map(all.map((r, i) => [r, i]));
  for (const file of files) {
    file.requirements.forEach((req, j) => {
      if (!random.chance(0.22)) return;
      const count = random.weighted([[1, 70], [2, 24], [3, 6]] as const);
      for (let k = 0; k < count; k++) {
        let target: Planned | undefined;
        if (random.chance(0.006)) {
          req.dependsOn.push(`${file.area.prefix}-${random.int(90_000, 99_999)}`);
          continue;
        }
        if (j > 0 && (files.length === 1 || random.chance(0.7))) target = file.requirements[random.int(Math.max(0, j - 40), j - 1)];
        else {
          const i = indexOf.get(req)!;
          if (i > 0) target = all[random.int(0, i - 1)];
        }
        if (target && !req.dependsOn.includes(target.id)) req.dependsOn.push(target.id);
      }
    });
  }
  // Edges only ever point backwards above, so the graph has no cycle but these two.
  const n = all.length;
  const [a, b] = [all[Math.floor(n * 0.2)], all[Math.floor(n * 0.7)]];
  b.dependsOn.push(a.id);
  a.dependsOn.push(b.id);
  const [c, d, e] = [all[Math.floor(n * 0.35)], all[Math.floor(n * 0.55)], all[Math.floor(n * 0.9)]];
  d.dependsOn.push(c.id);
  e.dependsOn.push(d.id);
  c.dependsOn.push(e.id);
}

function splitSizes(random: Random, count: number, total: number): number[] {
  const weights = Array.from({ length: count }, () => 0.25 + random.next() * random.next() * 2);
  const sum = weights.reduce((s, w) => s + w, 0);
  const sizes = weights.map((w) => Math.max(5, Math.floor((w / sum) * total)));
  let diff = total - sizes.reduce((s, x) => s + x, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % count) {
    if (diff > 0) {
      sizes[i]++;
      diff--;
    } else if (sizes[i] > 5) {
      sizes[i]--;
      diff++;
    }
  }
  return sizes;
}

// ----- writing: the text a person would have written --------------------------------------------------

/** Per-workspace state shared by its files: who the accounts are and which deals they have open. */
class Writer {
  private readonly accounts = accountPool(320);
  private readonly accountDraw = new Cumulative(longTail(320, 1.05));
  private readonly deals = new Map<string, string[]>();
  private readonly todayMs: number;

  constructor(
    private readonly random: Random,
    today: string,
  ) {
    this.todayMs = Date.parse(`${today}T00:00:00Z`);
  }

  file(plan: PlannedFile): string {
    const r = this.random;
    const out: string[] = [];
    out.push(`# ${plan.area.name}: ${plan.topic} requirements.`);
    if (r.chance(0.3)) out.push('# Keep one requirement per customer problem; evidence goes under the requirement.');
    out.push(`area: ${plan.area.name}`);
    out.push('requirements:');
    plan.requirements.forEach((req, i) => {
      if (i > 0 && r.chance(0.85)) out.push('');
      this.requirement(out, req);
    });
    return out.join('\n') + '\n';
  }

  private requirement(out: string[], req: Planned): void {
    const r = this.random;
    const mistake = r.chance(0.012) ? r.weighted({ key: 3, status: 2, kind: 2, missing: 2, date: 2, count: 1 }) : undefined;
    if (r.chance(0.08)) out.push(`  ${r.pick(REQUIREMENT_COMMENTS)}`);
    out.push(`  - id: ${req.id}`);
    const title = this.title();
    out.push(`    ${mistake === 'key' ? 'titel' : 'title'}: ${r.chance(0.05) ? `"${title}"` : title}`);
    out.push(`    status: ${mistake === 'status' ? 'planned' : req.status}`);
    if (r.chance(0.85)) out.push(`    owner: ${r.pick(OWNERS)}`);
    if (r.chance(0.45)) {
      if (r.chance(0.2)) out.push(`    problem: ${r.pick(PROBLEM_SENTENCES)}`);
      else {
        out.push(`    problem: ${r.chance(0.7) ? '>' : '|'}`);
        for (const s of r.sample(PROBLEM_SENTENCES, r.int(1, 3))) out.push(`      ${s}`);
      }
    }
    if (r.chance(0.3)) {
      const segments = r.sample(SEGMENTS, r.int(1, 3));
      if (r.chance(0.8)) out.push(`    segments: [${segments.join(', ')}]`);
      else {
        out.push('    segments:');
        for (const s of segments) out.push(`      - ${s}`);
      }
    }
    if (req.dependsOn.length) {
      if (req.dependsOn.length > 2 && r.chance(0.5)) {
        out.push('    depends-on:');
        for (const d of req.dependsOn) out.push(`      - ${d}`);
      } else out.push(`    depends-on: [${req.dependsOn.join(', ')}]`);
    }
    this.evidence(out, req, mistake);
  }

  private title(): string {
    const r = this.random;
    const q = r.pick(QUALIFIERS);
    return `${r.pick(VERBS)} ${r.pick(OBJECTS)}${q ? ` ${q}` : ''}`;
  }

  private evidence(out: string[], req: Planned, mistake: string | undefined): void {
    const r = this.random;
    const onRoadmap = req.status === 'roadmap' || req.status === 'in-progress';
    const count =
      req.status === 'idea'
        ? r.weighted([[0, 45], [1, 35], [2, 15], [3, 5]] as const)
        : onRoadmap
          ? r.weighted([[0, 2], [1, 18], [2, 25], [3, 25], [4, 15], [5, 9], [6, 6]] as const)
          : r.weighted([[0, 11], [1, 25], [2, 23], [3, 18], [4, 11], [5, 7], [6, 5]] as const);
    if (count === 0) {
      if (r.chance(0.1)) out.push('    evidence: []');
      return;
    }
    // Some requirements are sales-led from the start: every item from a deal, often one account's.
    const salesLed = r.chance(onRoadmap ? 0.06 : 0.08);
    const salesAccounts = salesLed && r.chance(0.6) ? [this.account()] : [];
    const kinds: Kind[] = [];
    for (let i = 0; i < count; i++) kinds.push(salesLed ? r.weighted({ 'sales-deal': 5, rfp: 1 }) : r.weighted(KIND_WEIGHTS));
    // Outside the sales-led ones, a lone deal usually gets followed up by a conversation with the
    // market; most roadmap items got there that way, and the rest are what the gate is for.
    if (!salesLed && !kinds.some((k) => MARKET_KINDS.includes(k)) && r.chance(onRoadmap ? 0.75 : 0.6)) {
      kinds[kinds.length - 1] = r.weighted({ interview: 3, 'support-tickets': 2, metric: 1 });
    }
    const hasMarket = kinds.some((k) => MARKET_KINDS.includes(k));
    if (salesLed && r.chance(0.04)) out.push(`    # inbound-ignore ${salesAccounts.length ? 'single-deal' : 'sales-only'} -- ${r.pick(IGNORE_REASONS)}`);
    out.push('    evidence:');
    const items: string[][] = kinds.map((kind) => this.item(kind, salesAccounts[0]));
    // The same deal logged twice, as happens when two people take notes on one call.
    const deal = items.find((lines) => lines[0].endsWith('sales-deal'));
    if (deal && r.chance(0.02)) items.push([...deal]);
    if (mistake === 'kind') items[0][0] = '      - kind: interveiw';
    if (mistake === 'missing' && items[0].length > 2) items[0].splice(1, 1);
    if (mistake === 'date') items[0] = items[0].map((l) => (l.startsWith('        date: ') ? '        date: 2026-02-30' : l));
    if (mistake === 'count') items[0] = ['      - kind: support-tickets', '        count: 0', `        date: ${this.date()}`];
    for (const lines of items) out.push(...lines);
    if (onRoadmap && !hasMarket && r.chance(0.3)) {
      out.push('    waiver:');
      out.push(`      reason: ${r.pick(WAIVER_REASONS)}`);
      out.push(`      approved-by: vp-product@example.com`);
      out.push(`      date: ${this.date()}`);
    }
  }

  private item(kind: Kind, salesAccount: string | undefined): string[] {
    const r = this.random;
    const lines = [`      - kind: ${kind}`];
    const field = (key: string, value: string | number) => lines.push(`        ${key}: ${value}`);
    switch (kind) {
      case 'sales-deal': {
        const account = salesAccount ?? this.account();
        field('account', this.spelling(account));
        field('deal', this.deal(account));
        if (r.chance(0.7)) field('amount', Math.round(Math.exp(10.3 + r.next() * 2.5) / 500) * 500);
        if (r.chance(0.4)) field('currency', r.weighted({ EUR: 5, USD: 4, GBP: 1 }));
        if (r.chance(0.3)) field('stage', r.weighted({ open: 6, won: 3, lost: 1 }));
        break;
      }
      case 'rfp':
        field('account', this.spelling(salesAccount ?? this.account()));
        break;
      case 'interview':
        field('account', this.spelling(this.account()));
        if (r.chance(0.4)) field('person', r.pick(PERSONS));
        break;
      case 'support-tickets':
        field('count', r.int(2, 140));
        if (r.chance(0.5)) field('query', `"tag:${slug(r.pick(OBJECTS))}"`);
        break;
      case 'metric':
        field('metric', r.pick(METRICS));
        if (r.chance(0.7)) field('value', Math.round(r.next() * 1000) / 1000);
        if (r.chance(0.5)) field('baseline', Math.round(r.next() * 1000) / 1000);
        break;
      case 'survey':
        field('respondents', r.int(20, 900));
        if (r.chance(0.5)) field('segment', r.pick(SEGMENTS));
        break;
      case 'research':
      case 'analyst':
      case 'community':
        field('source', r.pick(SOURCES));
        break;
      case 'competitor':
        field('competitor', r.pick(COMPETITORS));
        break;
      case 'win-loss':
        field('account', this.spelling(this.account()));
        if (r.chance(0.7)) field('outcome', r.weighted({ won: 1, lost: 2 }));
        break;
      case 'usability-test':
        field('participants', r.int(3, 12));
        break;
    }
    field('date', this.date());
    if (r.chance(0.18)) field('note', r.pick(NOTES));
    if (r.chance(0.06)) field('link', `https://crm.example.com/records/${r.int(10_000, 99_999)}`);
    return lines;
  }

  private account(): string {
    return this.accounts[this.accountDraw.draw(this.random)];
  }

  /** People do not all write a name the same way; the rules compare accounts ignoring case and spaces. */
  private spelling(account: string): string {
    if (!this.random.chance(0.03)) return account;
    return this.random.chance(0.5) ? account.toLowerCase() : account.replace(' ', '  ');
  }

  /** An account's deals recur: one opportunity usually asks for several things. */
  private deal(account: string): string {
    const known = this.deals.get(account) ?? [];
    if (known.length && this.random.chance(0.6)) return this.random.pick(known);
    const deal = `OPP-${this.random.int(1000, 99_999)}`;
    known.push(deal);
    this.deals.set(account, known);
    return deal;
  }

  /** Mostly recent, a tail into the second year; now and then a date after today (a typo in the year). */
  private date(): string {
    const r = this.random;
    let days: number;
    if (r.chance(0.004)) days = -r.int(1, 90);
    else if (r.chance(0.93)) days = Math.floor(330 * Math.pow(r.next(), 1.3));
    else days = 330 + r.int(0, 400);
    return new Date(this.todayMs - days * 86_400_000).toISOString().slice(0, 10);
  }
}

function writeWorkspace(dir: string, plan: PlannedFile[], random: Random, options: WorkloadOptions): GeneratedWorkspace {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The defaults, written out: without a config of its own the CLI would look in the folders above.
  writeFileSync(join(dir, 'inbound.config.yaml'), '# Generated for the benchmark: the default policy.\nfiles: ["**/*.req.yaml"]\n');
  const writer = new Writer(random, options.today);
  const files: string[] = [];
  let bytes = 0;
  let requirements = 0;
  for (const file of plan) {
    const path = join(dir, file.path);
    const text = writer.file(file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    files.push(path);
    bytes += Buffer.byteLength(text);
    requirements += file.requirements.length;
  }
  return { dir, files, requirements, bytes };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
