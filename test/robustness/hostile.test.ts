/**
 * Hostile inputs to the engine, each a test: alias bombs, deep nesting, huge files and lines,
 * binary content, broken Unicode, BOM and CRLF, prototype keys, YAML tags, document streams, and
 * shapes whose cost grows faster than their size. Each must give clear findings, pass every check
 * of invariants.ts, and finish in bounded time next to a healthy file whose findings still appear.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_POLICY } from '../../schemas/config';
import { Workspace } from '../../server/src/engine';
import type { Diagnostic } from '../../server/src/engine';
import { checkEdits, TODAY } from './invariants';

/**
 * "Bounded time" for the engine on one hostile input (the checks of the test itself not counted).
 * Most of these take well under a second here and the largest (a megabyte of keys) about six; a
 * CI machine may be several times slower, while a hang or a quadratic path on these sizes takes
 * minutes. The bound only tells those apart; it never measures speed.
 */
const HOSTILE_MS = 30_000;

const FILE = '/w/hostile.req.yaml';
const HEALTHY = '/w/healthy.req.yaml';
/** A requirement with one sales deal: its single-deal warning must appear whatever the neighbour holds. */
const HEALTHY_TEXT =
  'requirements:\n  - id: OK-1\n    title: Healthy\n    status: validated\n    evidence:\n' +
  '      - kind: sales-deal\n        account: Acme\n        deal: OPP-1\n        date: 2026-09-12\n';

interface Outcome {
  diagnostics: Diagnostic[];
  messages: string[];
  ms: number;
  ws: Workspace;
}

function hostile(text: string, options: { ws?: Workspace } = {}): Outcome {
  const { all, ws, ms } = checkEdits(
    [
      { file: HEALTHY, text: HEALTHY_TEXT },
      { file: FILE, text },
    ],
    { ws: options.ws },
  );
  assert.ok(ms < HOSTILE_MS, `the engine took ${ms.toFixed(0)} ms`);
  assert.deepEqual(
    all.get(HEALTHY)!.diagnostics.map((d) => d.code),
    ['single-deal'],
    'the healthy file next to it is still checked',
  );
  const diagnostics = all.get(FILE)!.diagnostics;
  return { diagnostics, messages: diagnostics.map((d) => `${d.code}: ${d.message}`), ms, ws };
}

function includes(o: Outcome, expected: string | RegExp): void {
  const found = o.messages.some((m) => (typeof expected === 'string' ? m.includes(expected) : expected.test(m)));
  assert.ok(found, `expected ${String(expected)} among:\n${o.messages.slice(0, 20).join('\n')}`);
}

const NESTING = 'yaml-syntax: This file nests deeper than 200 levels';
const BOMB = 'yaml-syntax: Aliases here expand far beyond the size of the file';

describe('hostile inputs to the engine', () => {
  describe('alias bombs', () => {
    it('billion laughs: nine levels of nine aliases each', () => {
      const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
      for (let i = 1; i < 9; i++) {
        const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
        lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
      }
      const o = hostile(`${lines.join('\n')}\nrequirements: *i\n`);
      includes(o, BOMB);
    });

    it('the same, inside a requirement: the bomb is reported where it is used', () => {
      const lines = ['x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < 8; i++) lines.push(`x${i}: &x${i} [${Array(10).fill(`*x${i - 1}`).join(', ')}]`);
      const text = `${lines.join('\n')}\nrequirements:\n  - id: B-1\n    title: Bomb\n    status: idea\n    segments: *x7\n`;
      const o = hostile(text);
      includes(o, BOMB);
      const bomb = o.diagnostics.find((d) => d.message.startsWith('Aliases here'))!;
      assert.equal(text.slice(bomb.span.start, bomb.span.end), '*x7');
    });

    it('a wide one: one big anchor, aliased thousands of times', () => {
      const big = `[${Array.from({ length: 2000 }, (_, i) => `v${i}`).join(', ')}]`;
      const o = hostile(`big: &big ${big}\nrequirements:\n  - id: W-1\n    title: Wide\n    status: idea\n    segments: [${Array(5000).fill('*big').join(', ')}]\n`);
      includes(o, BOMB);
    });
  });

  describe('deep nesting, 10,000 levels', () => {
    it('flow lists: [[[[…', () => includes(hostile('['.repeat(10_000) + ']'.repeat(10_000)), NESTING));
    it('flow lists left open', () => includes(hostile(`requirements: ${'['.repeat(10_000)}`), NESTING));
    it('flow mappings: {a: {a: …', () => includes(hostile('{a: '.repeat(10_000) + '1' + '}'.repeat(10_000)), NESTING));
    it('block lists in compact form: - - - …', () => includes(hostile(`${'- '.repeat(10_000)}x\n`), NESTING));
    it('explicit keys: ? ? ? …', () => includes(hostile(`${'? '.repeat(10_000)}x\n`), NESTING));
    it('explicit keys and values mixed with lists: ? - : - …', () => {
      includes(hostile(`requirements:\n  - ${'? - : '.repeat(5_000)}x\n`), NESTING);
    });

    it('block indentation, one space per level (50 MB): over the size limit, or refused once the limit is raised', () => {
      const text = Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
      includes(hostile(text), 'file-too-large:');
      const ws = new Workspace({ today: TODAY, policy: { ...DEFAULT_POLICY, maxFileKb: 100_000 } });
      includes(hostile(text, { ws }), NESTING);
    });

    it('indentation that alternates mappings and lists, as deep as the guard allows', () => {
      // One level per column: the deepest shape that still passes the nesting guard must parse.
      const text = Array.from({ length: 190 }, (_, i) => `${' '.repeat(i)}${i % 2 ? '- ' : ''}k${i}:`).join('\n') + ' x\n';
      const o = hostile(text);
      assert.ok(!o.messages.some((m) => /stack|nests deeper/i.test(m)), o.messages.join('\n'));
    });
  });

  describe('size', () => {
    it('a 20 MB file: one file-too-large finding, without parsing it', () => {
      const item = '  - id: BIG-1\n    title: Big\n    status: idea\n';
      const text = 'requirements:\n' + item.repeat(Math.ceil((20 * 1024 * 1024) / item.length));
      const o = hostile(text);
      assert.deepEqual(o.messages, [
        'file-too-large: This file is 20480 KB; Inbound checks files up to 4096 KB (max-file-kb in inbound.config.yaml). Split the area into several files, or raise the limit.',
      ]);
      assert.deepEqual(o.diagnostics[0].span, { start: 0, end: 'requirements:'.length });
      assert.equal(o.diagnostics[0].severity, 'information');
    });

    it('a 20 MB config: refused at once, the defaults apply, the config says why', () => {
      const config = 'files:\n' + '  - "**/*.req.yaml"\n'.repeat(1_000_000);
      const { ws, all, ms } = checkEdits([{ file: HEALTHY, text: HEALTHY_TEXT }], { config });
      assert.ok(ms < HOSTILE_MS, `the engine took ${ms.toFixed(0)} ms`);
      assert.deepEqual(ws.policy, DEFAULT_POLICY);
      const messages = all.get('/w/inbound.config.yaml')!.diagnostics.map((d) => `${d.code}: ${d.message}`);
      assert.deepEqual(messages, [
        'schema: This configuration is 19531 KB; a configuration is a few lines, and Inbound reads one of up to 256 KB. The defaults apply until it is smaller.',
      ]);
      assert.deepEqual(all.get(HEALTHY)!.diagnostics.map((d) => d.code), ['single-deal']);
    });

    it('an id-pattern that backtracks exponentially in a JavaScript RegExp runs in linear time, as written', () => {
      // Near-matches a backtracking engine would spend hours on; RE2 reads each once.
      const cases: [string, string][] = [
        ['^(a+)+$', `${'a'.repeat(5000)}!`],
        ['^(a|a)+$', `${'a'.repeat(5000)}!`],
        ['^(?:a|a)*$', `${'a'.repeat(5000)}!`],
        ['^\\d*\\d*\\d*\\d*\\d*\\d*\\d*x$', '1'.repeat(5000)],
        ['^([a-z]*)*$', `${'a'.repeat(5000)}!`],
        ['^((a+)-?)+$', `${'a'.repeat(5000)}!`],
      ];
      for (const [pattern, id] of cases) {
        const text = `requirements:\n  - id: "${id}"\n    title: x\n    status: idea\n`;
        const { ws, all, ms } = checkEdits([{ file: FILE, text }], { config: `id-pattern: '${pattern}'\n` });
        assert.ok(ms < HOSTILE_MS, `${pattern}: the engine took ${ms.toFixed(0)} ms`);
        assert.equal(ws.policy.idPattern, pattern, 'the pattern is used as written');
        assert.deepEqual(all.get('/w/inbound.config.yaml')!.diagnostics, [], pattern);
        assert.ok(all.get(FILE)!.diagnostics.some((d) => d.message.includes('is not a requirement id')), `${pattern}: the near-match is judged`);
      }
    });

    it('an id-pattern with a backreference or lookaround, which no linear-time engine runs: refused with a reason, the default applies', () => {
      const text = 'requirements:\n  - id: CHK-1\n    title: x\n    status: idea\n';
      const cases: [string, string][] = [
        ['^(a+)\\1$', 'backreference'],
        ['^(?<p>[A-Z]+)-\\k<p>$', 'backreference'],
        ['^(?=[A-Z])[A-Z0-9-]+$', 'lookahead'],
        ['^(?![0-9])[A-Z0-9-]+$', 'lookahead'],
        ['^[A-Z]+(?<=X)-[0-9]+$', 'lookahead'],
      ];
      for (const [pattern, reason] of cases) {
        const { ws, all } = checkEdits([{ file: FILE, text }], { config: `id-pattern: '${pattern}'\n` });
        assert.equal(ws.policy.idPattern, DEFAULT_POLICY.idPattern, pattern);
        const config = all.get('/w/inbound.config.yaml')!.diagnostics.map((d) => d.message);
        assert.equal(config.length, 1, `${pattern}: ${config.join('\n')}`);
        assert.ok(config[0].includes(reason) && config[0].includes('linear time'), `${pattern}: ${config[0]}`);
      }
      // Patterns RE2 runs stay as written.
      for (const pattern of ['^[A-Z][A-Z0-9]*-[0-9]+$', '^(CHK|PAY)-\\d{1,6}$', '^[a-z]+(-[a-z]+)?-[0-9]+$', '^(?:[A-Z]{2,4})-[0-9]+$']) {
        const { ws } = checkEdits([{ file: FILE, text }], { config: `id-pattern: '${pattern}'\n` });
        assert.equal(ws.policy.idPattern, pattern);
      }
    });

    it('a 100,000-character line, in a value, a comment, a flow list and a suppression comment', () => {
      const long = 'x'.repeat(100_000);
      includes(hostile(`requirements:\n  - id: L-1\n    title: ${long}\n    status: proposed\n`), 'no-evidence:');
      hostile(`# ${long}\nrequirements: []\n`);
      includes(hostile(`requirements: [${Array(25_000).fill('a-1').join(', ')}]\n`), 'schema:');
      includes(hostile(`# inbound-ignore ${' '.repeat(100_000)}single-deal\nrequirements: []\n`), 'schema:');
      includes(hostile(`#${' inbound-ignore'.repeat(7_000)}\nrequirements: []\n`), 'schema:');
      hostile(`requirements: "${'\\"'.repeat(50_000)}\n`);
      hostile(`${' '.repeat(100_000)}requirements: []\n`);
    });

    it('100,000 keys in one block: a linear duplicate-key check', () => {
      const o = hostile(Array.from({ length: 100_000 }, (_, i) => `k${i}: v\n`).join(''));
      assert.equal(o.diagnostics.length, 100_000);
      includes(o, "schema: Unknown key 'k0' in a requirement file.");
    });

    it('20,000 keys in one block, the last one twice: still found', () => {
      const o = hostile(Array.from({ length: 20_000 }, (_, i) => `k${i}: v\n`).join('') + 'k19999: again\n');
      assert.deepEqual(o.messages, ['yaml-syntax: This key appears twice in the same block; keep one of them.']);
    });

    it('one requirement pasted 5,000 times: each copy names a few others, not all of them', () => {
      const item = '  - id: DUP-1\n    title: Pasted\n    status: idea\n';
      const o = hostile('requirements:\n' + item.repeat(5_000));
      const dups = o.diagnostics.filter((d) => d.code === 'duplicate-id');
      assert.equal(dups.length, 5_000);
      for (const d of dups) assert.ok((d.related ?? []).length <= 20, `${d.related?.length} related locations`);
      includes(o, 'duplicate-id: DUP-1 is also the id of “Pasted”, “Pasted”, “Pasted” and 4996 more.');
    });

    it('thousands of references to ids that do not exist: did-you-mean stays within a budget', () => {
      const reqs = Array.from({ length: 4_000 }, (_, i) => `  - id: CHK-${i}\n    title: x\n    status: idea\n    depends-on: [PAY-${i}]\n`);
      const o = hostile(`requirements:\n${reqs.join('')}`);
      assert.equal(o.diagnostics.filter((d) => d.code === 'unknown-reference').length, 4_000);
    });

    it('80,000 suppression comments, each silencing a finding', () => {
      const text = Array.from({ length: 80_000 }, (_, i) => `# inbound-ignore schema -- decided\nk${i}: v\n`).join('');
      const { all, ms } = checkEdits([{ file: FILE, text }]);
      assert.ok(ms < HOSTILE_MS, `the engine took ${ms.toFixed(0)} ms`);
      assert.equal(all.get(FILE)!.suppressed.length, 80_000);
      assert.equal(all.get(FILE)!.diagnostics.length, 0);
    });
  });

  describe('content', () => {
    it('binary bytes and NUL', () => {
      const bytes = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
      hostile(bytes);
      hostile(`requirements:\n  - id: N-1\0\n    title: \0\0\0\n    status: idea\0\n`);
      includes(hostile('\0'.repeat(10_000)), "schema: A requirement file is a block of keys: 'area' (optional) and 'requirements' (a list).");
    });

    it('lone surrogates in keys, values and ids: columns stay in UTF-16 units', () => {
      const text = `requirements:\n  - id: \uD800-1\n    ti\uDC00tle: x\n    title: \uDBFF\uDBFF\n    status: \uDC00idea\n`;
      const o = hostile(text);
      const key = o.diagnostics.find((d) => d.message.startsWith("Unknown key 'ti\uDC00tle'"))!;
      assert.equal(text.slice(key.span.start, key.span.end), 'ti\uDC00tle');
      hostile('\uD800'.repeat(10_000));
      hostile('\uDC00\uD800'.repeat(5_000));
    });

    it('a BOM and CRLF line ends: the same findings, on the same lines, as without them', () => {
      const lf = 'requirements:\n  - id: C-1\n    title: Crlf\n    status: roadmap\n    evidence:\n      - kind: sales-deal\n        account: Acme\n        deal: OPP-1\n        date: 2026-09-12\n';
      const plain = hostile(lf);
      const crlf = hostile('\uFEFF' + lf.replace(/\n/g, '\r\n'));
      assert.deepEqual(crlf.messages, plain.messages);
      const lines = (o: Outcome) => o.diagnostics.map((d) => o.ws.linesOf(FILE)!.positionAt(d.span.start).line);
      assert.deepEqual(lines(crlf), lines(plain));
    });

    it('lone CR and mixed line ends', () => {
      hostile('requirements:\r  - id: R-1\r    title: x\r    status: proposed\r');
      hostile('requirements:\r\n  - id: R-1\r    title: x\n\r    status: proposed\r\n\r');
      hostile('\r'.repeat(100_000));
      hostile('a: [\r'.repeat(10_000));
    });

    it('__proto__, constructor and prototype keys at every level pollute nothing', () => {
      const text = [
        '__proto__: {polluted: yes}',
        'constructor: {prototype: {polluted: yes}}',
        'requirements:',
        '  - id: P-1',
        '    title: x',
        '    status: idea',
        '    __proto__: {polluted: yes}',
        '    prototype: {polluted: yes}',
        '    evidence:',
        '      - kind: interview',
        '        account: Acme',
        '        date: 2026-09-12',
        '        __proto__: {polluted: yes}',
        '        constructor: {polluted: yes}',
        '    waiver: {__proto__: {polluted: yes}, reason: x, approved-by: y}',
        '  - __proto__: {id: P-2, title: x, status: idea}',
      ].join('\n');
      const o = hostile(text);
      includes(o, "Unknown key '__proto__'");
      includes(o, "Unknown key 'constructor'");
      includes(o, "Unknown key 'prototype'");
      // Checked again by checkEdits; said here too because it is the point of this test.
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    it('YAML tags are findings, never code: !!js/function, !!python/object, unknown local tags', () => {
      const g = globalThis as Record<string, unknown>;
      const text = [
        'requirements:',
        '  - id: T-1',
        '    title: !!js/function "function () { globalThis.pwned = true; return 1 }"',
        '    status: !!python/object/apply:os.system ["touch /tmp/pwned"]',
        '    owner: !foo bar',
        '    problem: !<tag:yaml.org,2002:js/undefined> ""',
        '    segments: !!set {a, b}',
        '  - !!js/regexp /x/',
        '  - id: !!binary aGVsbG8=',
      ].join('\n');
      const o = hostile(text);
      includes(o, 'yaml-syntax: Inbound does not read YAML tags such as !!js/function');
      includes(o, /yaml-syntax: Inbound does not read YAML tags such as !!python\/object/);
      includes(o, 'yaml-syntax: Inbound does not read YAML tags such as !foo');
      assert.equal(g.pwned, undefined);
      for (const a of o.ws.analyses()) {
        for (const r of a.model.requirements) for (const v of [r.id, r.title, r.owner, r.problem]) assert.ok(v === undefined || typeof v === 'string');
      }
    });
  });

  describe('document streams', () => {
    it('--- five thousand times: one finding on the second document, the first still checked', () => {
      const first = 'requirements:\n  - id: S-1\n    title: First\n    status: proposed\n';
      const o = hostile(first + '---\na: 1\n'.repeat(5_000));
      includes(o, 'yaml-syntax: This file holds 5001 YAML documents; a requirement file holds one.');
      includes(o, 'no-evidence: S-1 is proposed');
    });

    it('bare separators, document ends and directives, thousands of each', () => {
      includes(hostile('---\n'.repeat(5_000)), 'yaml-syntax: This file holds 5000 YAML documents');
      hostile('...\n'.repeat(5_000));
      hostile('%YAML 1.2\n---\n'.repeat(5_000));
      hostile('--- |\n  x\n'.repeat(5_000));
    });
  });
});
