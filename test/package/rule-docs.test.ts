/**
 * The rule pages (docs/rules/<code>.md), which each finding's code links to in the editor and which
 * ship in the .vsix: one page for every code, and each page true to the engine. Its example, run
 * through the engine, gives a finding of its code with exactly the message the page quotes; its
 * ignore comments name its own code; its links lead to pages that exist. SARIF carries each page as
 * its rule's help (docs/rules/help.ts, written from the pages by scripts/rule-docs.mjs).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULE_CODES } from '../../schemas/config';
import { Workspace } from '../../server/src/engine';

const REPO = join(__dirname, '..', '..');
const DOCS = join(REPO, 'docs', 'rules');
/** The day the pages' examples are counted from (their stale and future dates say how many days). */
const TODAY = '2026-11-23';

/** The text of a section (from its `## ` heading to the next). */
function section(page: string, heading: string): string {
  const start = page.indexOf(`\n## ${heading}`);
  assert.ok(start >= 0, `a "## ${heading}" section`);
  const end = page.indexOf('\n## ', start + 1);
  return page.slice(start, end < 0 ? undefined : end);
}

function yamlBlocks(text: string): string[] {
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe('rule pages', () => {
  it('one page for every code, and an index that links each', () => {
    const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md'));
    assert.deepEqual(pages.sort(), ['README.md', ...RULE_CODES.map((c) => `${c}.md`)].sort());
    const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
    for (const code of RULE_CODES) assert.ok(index.includes(`](${code}.md)`), `the index links ${code}`);
  });

  for (const code of RULE_CODES) {
    it(`${code}: its example gives the finding it quotes, its comments name it, its links lead somewhere`, () => {
      const page = readFileSync(join(DOCS, `${code}.md`), 'utf8');
      assert.ok(page.startsWith(`# \`${code}\` — `), 'the title names the code');
      const example = section(page, 'Example');
      const quoted = /^> \*\*Inbound:\*\* (.+)$/m.exec(example)?.[1];
      assert.ok(quoted, 'the example quotes what Inbound says');
      const ws = new Workspace({ today: TODAY });
      let file = '/docs/example.req.yaml';
      for (const block of yamlBlocks(example)) {
        if (block.startsWith('# inbound.config.yaml\n')) ws.setConfig('/docs/inbound.config.yaml', block);
        else {
          // A file over a 1 KB limit is shown by its head; the rest would only be padding.
          const text = code === 'file-too-large' ? block + `# ${'-'.repeat(2000 - block.length)}\n` : block;
          ws.setFile(file, text);
          file = '/docs/other.req.yaml';
        }
      }
      const messages = [...ws.allDiagnostics().values()].flatMap((d) => d.diagnostics).filter((d) => d.code === code).map((d) => d.message);
      assert.ok(messages.includes(quoted), `the example says ${JSON.stringify(quoted)}; the engine says ${JSON.stringify(messages)}`);
      for (const m of page.matchAll(/# inbound-ignore (\S+)/g)) assert.equal(m[1], code, 'an ignore comment names the page\'s rule');
      for (const m of page.matchAll(/\]\(([^)#]+)\)/g)) {
        if (/^[a-z]+:/.test(m[1])) continue;
        assert.ok(existsSync(join(DOCS, m[1])), `the link to ${m[1]}`);
      }
    });
  }
});

describe('rule help in SARIF', () => {
  it('docs/rules/help.ts is what scripts/rule-docs.mjs writes from the pages', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'rule-docs.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it("every rule of inbound check's SARIF carries its page as help, and no link that would not resolve", () => {
    const cli = join(REPO, 'dist', 'cli.js');
    if (!existsSync(cli)) assert.equal(spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO }).status, 0, 'build');
    const r = spawnSync(process.execPath, [cli, 'check', 'examples', '--format', 'sarif', '--today', TODAY], { cwd: REPO, encoding: 'utf8' });
    const rules = JSON.parse(r.stdout).runs[0].tool.driver.rules as { id: string; help?: { text: string; markdown: string }; helpUri?: string }[];
    assert.deepEqual(rules.map((x) => x.id).sort(), [...RULE_CODES].sort());
    for (const rule of rules) {
      const page = readFileSync(join(DOCS, `${rule.id}.md`), 'utf8');
      assert.ok(rule.help && page.includes(rule.help.markdown.split('\n\n## What it means')[1]), `${rule.id}: the page as Markdown`);
      assert.ok(rule.help.text.length > 40 && !/[`*]/.test(rule.help.text), `${rule.id}: plain text`);
      // SARIF's helpUri is an absolute URI; code scanning rejects a log with a relative one.
      assert.equal(rule.helpUri, undefined, rule.id);
    }
  });
});
