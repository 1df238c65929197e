/**
 * Shrinks a failing trace of the protocol fuzzer (a run's concrete steps) to a short one that still
 * fails: delta debugging over the steps, each try replayed on a fresh server. A change whose
 * document no longer has the text it was made for (an earlier change was dropped) is sent as the
 * smallest edit to the text it produced, so every try is a valid editor session.
 *
 *   node --import tsx test/robustness/protocol-shrink.ts test-artifacts/protocol-….json
 *
 * writes the shrunk trace next to the input (`….min.json`) and prints its steps.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { applyChange } from './protocol-model';
import type { Step } from './protocol-model';
import { describeStep, Divergence, replay } from './protocol-harness';
import type { Trace } from './protocol-harness';
import { diffSplice, toChange } from './protocol-text';

/** Each step with its index in the original trace; a change with the text it was made for and the text it gave. */
interface Annotated {
  step: Step;
  index: number;
  before?: string;
  after?: string;
}

function annotate(trace: Trace): Annotated[] {
  const texts = new Map<string, string>();
  return trace.steps.map((step, index) => {
    if (step.op === 'open') texts.set(step.file, step.text);
    if (step.op === 'close') texts.delete(step.file);
    if (step.op !== 'change') return { step, index };
    const before = texts.get(step.file) ?? '';
    const after = step.changes.reduce(applyChange, before);
    texts.set(step.file, after);
    return { step, index, before, after };
  });
}

/**
 * The steps of a subset, made valid: changes re-based, steps on documents that are not open
 * dropped, and the disk kept honest with the watcher: a change on disk stays only with an event
 * that announces it, an event only with the change it announces (a watcher that says nothing, or
 * says what did not happen, would be the failure).
 */
export function rebuild(kept: Annotated[], referenced: ReadonlySet<number>): Trace['steps'] {
  const texts = new Map<string, string>();
  const versions = new Map<string, number>();
  const out: Step[] = [];
  const present = new Set(kept.map((a) => a.index));
  const announced = new Set<number>();
  for (const { step } of kept) if (step.op === 'events') for (const c of step.changes) if (c.of !== undefined && present.has(c.of)) announced.add(c.of);
  for (const { step, index, before, after } of kept) {
    if ((step.op === 'write' || step.op === 'remove') && referenced.has(index) && !announced.has(index)) continue;
    if (step.op === 'events') {
      const changes = step.changes.filter((c) => c.of === undefined || announced.has(c.of));
      if (changes.length) out.push({ ...step, changes });
      continue;
    }
    if (step.op === 'open') {
      if (texts.has(step.file)) continue;
      const version = Math.max(step.version, (versions.get(step.file) ?? 0) + 1);
      texts.set(step.file, step.text);
      versions.set(step.file, version);
      out.push({ ...step, version });
    } else if (step.op === 'close') {
      if (!texts.has(step.file)) continue;
      texts.delete(step.file);
      out.push(step);
    } else if (step.op === 'change') {
      const current = texts.get(step.file);
      if (current === undefined) continue;
      const version = Math.max(step.version, (versions.get(step.file) ?? 0) + 1);
      versions.set(step.file, version);
      texts.set(step.file, after!);
      if (current === before) out.push({ ...step, version });
      else if (current !== after) out.push({ op: 'change', file: step.file, version, changes: [toChange(current, diffSplice(current, after!)).change] });
    } else out.push(step);
  }
  // A run ends with a settle.
  if (out[out.length - 1]?.op !== 'settle') out.push({ op: 'settle' });
  return out;
}

/** The divergence of a replay, if any; a failure that depends on timing gets a few tries. */
async function fails(trace: Trace, tries: number): Promise<string | undefined> {
  for (let i = 0; i < tries; i++) {
    try {
      await replay(trace);
    } catch (e) {
      if (e instanceof Divergence) return e.message;
      throw e;
    }
  }
  return undefined;
}

/** The files a divergence names (`  <file> (open…|on disk|gone…):`), or its first line. */
function subjects(message: string): string[] {
  const files = [...message.matchAll(/^ {2}(\S[^\n]*?) \((?:open|on disk|gone)/gm)].map((m) => m[1]);
  return files.length
    ? files
    : [
        message
          .split('\n')
          .slice(1, 2)
          .join('')
          .replace(/version \d+/g, 'version N'),
      ];
}

/**
 * Delta debugging: drop chunks of steps (halves, then quarters, … single steps) while the replay
 * still fails. Settles in the middle go first: only the last is needed to see a lasting divergence.
 */
export async function shrinkTrace(
  trace: Trace,
  options: { maxMs?: number; log?: (line: string) => void } = {},
): Promise<{ trace: Trace; message: string; tries: number }> {
  const deadline = Date.now() + (options.maxMs ?? 10 * 60_000);
  const log = options.log ?? (() => undefined);
  let tries = 0;
  let target: string[] = [];
  // Only the same failure counts: a divergence in one of the files the first one named.
  const attempt = async (steps: Annotated[], times = 2) => {
    tries++;
    const m = await fails({ ...trace, steps: rebuild(steps, referenced) }, times);
    return m && (!target.length || subjects(m).some((f) => target.includes(f))) ? m : undefined;
  };
  let current = annotate(trace);
  const referenced = new Set<number>();
  for (const { step } of current) if (step.op === 'events') for (const c of step.changes) if (c.of !== undefined) referenced.add(c.of);
  let message = await attempt(current, 8);
  if (!message) throw new Error('the trace did not fail in 8 replays (the divergence depends on timing)');
  target = subjects(message);
  // The steps after the first failing settle are not needed.
  for (let n = 1; n < current.length; n++) {
    if (current[n - 1].step.op !== 'settle') continue;
    const m = await attempt(current.slice(0, n));
    if (m) {
      current = current.slice(0, n);
      message = m;
      break;
    }
  }
  const withoutMiddleSettles = current.filter((a, i) => a.step.op !== 'settle' || i === current.length - 1);
  const m0 = await attempt(withoutMiddleSettles);
  if (m0) [current, message] = [withoutMiddleSettles, m0];
  for (let chunk = Math.ceil(current.length / 2); chunk >= 1 && Date.now() < deadline; chunk = chunk === 1 ? 0 : Math.ceil(chunk / 2)) {
    let progress = false;
    for (let start = 0; start < current.length && Date.now() < deadline;) {
      const candidate = [...current.slice(0, start), ...current.slice(start + chunk)];
      const m = candidate.length ? await attempt(candidate) : undefined;
      if (m) {
        current = candidate;
        message = m;
        progress = true;
        log(`${current.length} steps left (chunk ${chunk})`);
      } else start += chunk;
    }
    if (progress && chunk === 1) chunk = 2;
  }
  return { trace: { ...trace, steps: rebuild(current, referenced) }, message, tries };
}

if (require.main === module) {
  void (async () => {
    const path = process.argv[2];
    const trace = JSON.parse(readFileSync(path, 'utf8')) as Trace;
    console.log(`shrinking ${trace.steps.length} steps (${trace.mode}, debounce ${trace.debounceMs} ms)…`);
    const { trace: small, message, tries } = await shrinkTrace(trace, { log: (l) => console.log(l) });
    const out = path.replace(/\.json$/, '') + '.min.json';
    writeFileSync(out, JSON.stringify(small, null, 1));
    console.log(`${small.steps.length} steps after ${tries} tries, written to ${out}:`);
    for (const s of small.steps) console.log(`  ${describeStep(s)}`);
    console.log(message);
  })();
}
