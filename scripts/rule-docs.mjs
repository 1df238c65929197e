#!/usr/bin/env node
// Writes docs/rules/help.ts from the rule pages (docs/rules/<code>.md): each rule's help as SARIF
// carries it (`reportingDescriptor.help`), so code scanning shows the page beside each alert, with
// no link that has to resolve. The pages are the source; test/package/rule-docs.test.ts fails when
// help.ts is not what this script writes.
//
//   node scripts/rule-docs.mjs           write docs/rules/help.ts
//   node scripts/rule-docs.mjs --check   exit 1 if it is not current
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DOCS = fileURLToPath(new URL('../docs/rules/', import.meta.url));
const OUT = `${DOCS}help.ts`;

/** The page without its title line and its "All rules" line: what a reader of one alert needs. */
function markdownOf(page) {
  return page
    .replace(/^# .*\n+/, '')
    .replace(/ · \[All rules\]\(README\.md\)/, '')
    .trim();
}

/** The page's meaning and fix as plain text, for viewers that show no Markdown. */
function textOf(page) {
  const part = (heading) => {
    const start = page.indexOf(`\n## ${heading}\n`);
    if (start < 0) return '';
    const end = page.indexOf('\n## ', start + 1);
    return page.slice(start + heading.length + 5, end < 0 ? undefined : end).trim();
  };
  const plain = (s) =>
    s
      .replace(/```[\s\S]*?```/g, '')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/[`*]/g, '')
      .replace(/\s*\n\s*/g, ' ')
      .trim();
  return [plain(part('What it means')), plain(part('How to fix it'))].filter(Boolean).join(' ');
}

export function generate() {
  const pages = readdirSync(DOCS)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort();
  const entries = pages.map((f) => {
    const page = readFileSync(DOCS + f, 'utf8');
    return `  ${JSON.stringify(f.slice(0, -3))}: {\n    text: ${JSON.stringify(textOf(page))},\n    markdown: ${JSON.stringify(markdownOf(page))},\n  },`;
  });
  return [
    '// Generated from docs/rules/*.md by scripts/rule-docs.mjs: edit the pages, then run it again.',
    '// Each rule\'s help as SARIF carries it (reportingDescriptor.help: text and Markdown).',
    'export const RULE_HELP: Readonly<Record<string, { text: string; markdown: string }>> = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = generate();
  if (process.argv.includes('--check')) {
    const current = readFileSync(OUT, 'utf8') === text;
    if (!current) console.error('docs/rules/help.ts is not current: run node scripts/rule-docs.mjs');
    process.exit(current ? 0 : 1);
  }
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}`);
}
