/**
 * The `$inbound` problem matcher the extension contributes, applied to real `inbound check` output
 * the way VS Code applies a multi-line matcher whose last pattern loops
 * (src/vs/workbench/contrib/tasks/common/problemCollectors.ts and problemMatcher.ts: a buffer as
 * long as the pattern list, tried after every line; a looping matcher then takes each following
 * line until one does not match; a severity VS Code does not know falls back to the matcher's).
 * Every finding of every severity must arrive with its file, line, column, severity, message and code.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const REPO = join(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const TODAY = ['--today', '2026-11-23'];

interface PatternConfig {
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  severity?: number;
  message?: number;
  code?: number;
  loop?: boolean;
}
interface MatcherConfig {
  name: string;
  owner: string;
  severity?: string;
  fileLocation: unknown;
  pattern: PatternConfig[];
}

type Data = Partial<Record<'file' | 'message' | 'code' | 'severity' | 'line' | 'character', string>>;
interface Marker {
  file: string;
  line: number;
  column: number;
  severity: 'Error' | 'Warning' | 'Info';
  capturedSeverity?: string;
  message: string;
  code?: string;
}

/** VS Code's MultiLineMatcher, reduced to what a location pattern uses. */
class MultiLineMatcher {
  private data: Data | undefined;
  private readonly patterns: (Omit<PatternConfig, 'regexp'> & { regexp: RegExp })[];
  constructor(private readonly config: MatcherConfig) {
    this.patterns = config.pattern.map((p) => ({ ...p, regexp: new RegExp(p.regexp) }));
  }
  get matchLength() {
    return this.patterns.length;
  }
  handle(lines: string[], start: number): { match: Marker | null; continue: boolean } {
    this.data = {};
    let data = this.data;
    for (let i = 0; i < this.patterns.length; i++) {
      const pattern = this.patterns[i];
      const matches = pattern.regexp.exec(lines[i + start]);
      if (!matches) return { match: null, continue: false };
      if (pattern.loop && i === this.patterns.length - 1) data = structuredClone(data);
      this.fill(data, pattern, matches);
    }
    const loop = !!this.patterns[this.patterns.length - 1].loop;
    if (!loop) this.data = undefined;
    return { match: this.marker(data), continue: loop };
  }
  next(line: string): Marker | null {
    const pattern = this.patterns[this.patterns.length - 1];
    const matches = pattern.regexp.exec(line);
    if (!matches) {
      this.data = undefined;
      return null;
    }
    const data = structuredClone(this.data!);
    this.fill(data, pattern, matches);
    return this.marker(data);
  }
  private fill(data: Data, pattern: Omit<PatternConfig, 'regexp'>, matches: RegExpExecArray) {
    const props: [keyof Data, number | undefined, boolean][] = [
      ['file', pattern.file, true],
      ['message', pattern.message, true],
      ['code', pattern.code, true],
      ['severity', pattern.severity, true],
      ['line', pattern.line, false],
      ['character', pattern.column, false],
    ];
    for (const [prop, group, trim] of props) {
      if (data[prop] === undefined && group !== undefined && group < matches.length && matches[group] !== undefined) {
        data[prop] = trim ? matches[group].trim() : matches[group];
      }
    }
  }
  private marker(data: Data): Marker | null {
    if (!data.file || !data.line || !data.message) return null;
    return {
      file: data.file,
      line: parseInt(data.line),
      column: data.character ? parseInt(data.character) : 1,
      severity: this.severity(data.severity),
      capturedSeverity: data.severity,
      message: data.message,
      code: data.code,
    };
  }
  /** Severity.fromValue, then the letters and words problemMatcher.ts knows, then the matcher's own. */
  private severity(value: string | undefined): Marker['severity'] {
    const known: Record<string, Marker['severity']> = { error: 'Error', warning: 'Warning', warn: 'Warning', info: 'Info', e: 'Error', w: 'Warning', i: 'Info', hint: 'Info', note: 'Info' };
    const v = value?.toLowerCase();
    if (v && known[v] && (v.length > 1 || value === value!.toUpperCase())) return known[v];
    const fallback = this.config.severity?.toLowerCase();
    return (fallback && known[fallback]) || 'Error';
  }
}

/** VS Code's StartStopProblemCollector over the lines of a task's terminal. */
function collect(config: MatcherConfig, lines: string[]): Marker[] {
  const matcher = new MultiLineMatcher(config);
  const markers: Marker[] = [];
  let buffer: string[] = [];
  let active: MultiLineMatcher | null = null;
  for (const line of lines) {
    if (active) {
      const m = active.next(line);
      if (m) {
        markers.push(m);
        continue;
      }
      buffer = [];
      active = null;
    }
    if (buffer.length < matcher.matchLength) buffer.push(line);
    else buffer = [...buffer.slice(1), line];
    for (let start = 0; start < buffer.length; start++) {
      if (buffer.length - start !== matcher.matchLength) continue;
      const result = matcher.handle(buffer, start);
      if (result.match) {
        markers.push(result.match);
        if (result.continue) active = matcher;
        buffer = [];
        break;
      }
    }
  }
  return markers;
}

/** What the terminal shows a task's problem matcher: the rendered text of a line, no escape codes. */
const rendered = (output: string) => output.split('\n').map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trimEnd());

describe('the $inbound problem matcher', () => {
  let dir: string;
  const matcher = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).contributes.problemMatchers as MatcherConfig[]).find(
    (m) => m.name === 'inbound',
  )!;

  before(() => {
    if (!existsSync(CLI) && spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO }).status !== 0) throw new Error('build');
    dir = mkdtempSync(join(tmpdir(), 'inbound-matcher-'));
    // Findings of every severity, set in the config: errors and warnings by default, no-evidence as
    // information and stale evidence as a hint; in two files, one in a folder with a space in its name.
    writeFileSync(join(dir, 'inbound.config.yaml'), 'rules:\n  no-evidence: information\n  stale-evidence: hint\n');
    writeFileSync(
      join(dir, 'billing.req.yaml'),
      `requirements:
  - id: BIL-1
    title: Invoices in  two  currencies
    status: roadmap
    evidence:
      - kind: sales-deal
        account: Acme
        deal: OPP-1
        date: 2024-01-10
  - id: BIL-2
    title: Dunning letters
    status: proposed
`,
    );
    mkdirSync(join(dir, 'sub area'));
    writeFileSync(
      join(dir, 'sub area', 'growth.req.yaml'),
      `requirements:
  - id: GRO-1
    title: Referral codes
    status: validated
    depends-on: [GRO-9]
`,
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is contributed as a multi-line matcher whose last pattern loops', () => {
    assert.equal(matcher.pattern.length, 2);
    assert.equal(matcher.pattern[1].loop, true);
    assert.notEqual(matcher.owner, 'inbound', "not the language server's diagnostics collection, whose markers it would replace");
    for (const key of ['file', 'line', 'column', 'severity', 'message', 'code'] as const) {
      assert.ok(matcher.pattern.some((p) => p[key] !== undefined), key);
    }
  });

  for (const color of [false, true]) {
    it(`captures every finding of every severity from real stylish output${color ? ', in colour' : ''}`, () => {
      const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: color ? '1' : '0' };
      delete env.NO_COLOR;
      const stylish = spawnSync(process.execPath, [CLI, 'check', ...TODAY], { cwd: dir, encoding: 'utf8', env });
      assert.equal(stylish.status, 1, stylish.stderr);
      if (color) assert.match(stylish.stdout, /\x1b\[/);
      const json = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...TODAY], { cwd: dir, encoding: 'utf8' });
      const expected = (
        JSON.parse(json.stdout) as {
          file: string;
          diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number } } }[];
        }[]
      ).flatMap((f) =>
        f.diagnostics.map((d) => ({
          file: f.file,
          line: d.range.start.line + 1,
          column: d.range.start.character + 1,
          capturedSeverity: d.severity,
          severity: ({ error: 'Error', warning: 'Warning', information: 'Info', hint: 'Info' } as const)[d.severity as 'error'],
          message: d.message,
          code: d.code,
        })),
      );
      assert.deepEqual(new Set(expected.map((e) => e.capturedSeverity)), new Set(['error', 'warning', 'information', 'hint']));
      assert.ok(new Set(expected.map((e) => e.file)).size >= 2);
      assert.deepEqual(collect(matcher, rendered(stylish.stdout)), expected);
    });
  }
});
