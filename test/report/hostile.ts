/**
 * A workspace whose every text is an attack on the report: markup, script, attribute breakouts,
 * stylesheet breakouts, `javascript:` links, Markdown syntax, spreadsheet formulas, and the quotes,
 * commas and line breaks that break naive CSV. Shared by the Markdown, CSV and browser tests.
 */
import { buildReport } from '../../server/src/report';
import type { Report } from '../../server/src/report';
import { TODAY, workspaceOf } from './helpers';

/** Each one must show literally, and none may run. */
export const ATTACKS = {
  script: '<script>window.__pwned = "script"</script>',
  img: '<img src=x onerror="window.__pwned = \'img\'">',
  attribute: '"><svg onload="window.__pwned = \'svg\'">',
  style: '</style><script>window.__pwned = "style"</script><style>',
  link: 'javascript:window.__pwned = "link"',
  markdownLink: '[click me](javascript:alert(1)) ![x](https://tracker.example/p.png)',
  markdown: '**bold** _em_ `code` ~~gone~~ $x$ | pipe \\ backslash',
  title: '</title><iframe src="https://evil.example/"></iframe>',
  comment: '<!-- unclosed comment',
  entity: '&lt;b&gt; stays &amp; as written',
  template: '${alert(1)} {{constructor.constructor("alert(1)")()}}',
  formula: "=cmd|' /C calc'!A0",
  plus: '+SUM(1,1)',
  minus: '-2+3',
  at: '@HYPERLINK("https://evil.example")',
  unicode: 'Zürich — 日本語 😀 \u202eevil',
  /** What GitHub turns into links, mentions and issue references in a comment or job summary. */
  autolink: 'see https://evil.example/x, HTTP://evil.example, www.evil.example and ceo@evil.example; cc @octocat @org/team, fixes #123 and GH-7',
} as const;

/** Text with quotes, commas and a line break, for CSV and Markdown cells. */
export const MULTILINE = 'Say "hi", then\nsay, "bye"';

export const HOSTILE_FILE = '/w/hostile.req.yaml';
/** A file name that is itself an attack, to prove paths and data attributes are escaped too. */
export const HOSTILE_NAME = '/w/<img src=x onerror="window.__pwned=\'file\'">.req.yaml';
export const HOSTILE_ID = 'X-1"><script>window.__pwned="id"</script>';

const q = (s: string) => JSON.stringify(s);

export function hostileFiles(): Record<string, string> {
  const a = ATTACKS;
  const main = `area: ${q(`Area ${a.markdown}`)}
requirements:
  - id: H-1
    title: ${q(a.script)}
    status: roadmap
    owner: ${q(a.img)}
    problem: ${q(a.comment)}
    evidence:
      - kind: sales-deal
        account: ${q(a.attribute)}
        deal: ${q(a.formula)}
        amount: 1000
        currency: ${q('EUR')}
        date: 2026-10-01
  - id: H-2
    title: ${q(MULTILINE)}
    status: validated
    owner: ${q(a.plus)}
    evidence:
      - kind: interview
        account: ${q(a.style)}
        date: 2026-10-01
      - kind: metric
        metric: ${q(a.template)}
        date: 2026-10-01
  - id: H-3
    title: ${q(a.markdownLink)}
    status: roadmap
    owner: ${q(a.minus)}
    evidence:
      - kind: rfp
        account: ${q(a.link)}
        date: 2026-10-01
    waiver:
      reason: ${q(a.title)}
      approved-by: ${q(a.at)}
  - id: H-4
    title: ${q(a.entity)}
    status: proposed
    # inbound-ignore single-deal -- ${a.img}
    evidence:
      - kind: sales-deal
        account: ${q(a.unicode)}
        deal: OPP-1
        date: 2026-10-01
  - id: H-5
    title: ${q(a.autolink)}
    status: proposed
    owner: ${q(a.autolink)}
    evidence:
      - kind: interview
        account: ${q(a.autolink)}
        date: 2026-10-01
  - id: ${q(HOSTILE_ID)}
    title: ${q(a.markdown)}
    status: proposed
    owner: ${q(a.comment)}
    evidence:
      - kind: survey
        respondents: 10
        date: 2020-01-01
`;
  const second = `area: ${q(a.style)}
requirements:
  - id: F-1
    title: ${q(a.title)}
    status: roadmap
    owner: ${q(a.template)}
    evidence:
      - kind: sales-deal
        account: ${q(a.attribute)}
        deal: OPP-2
        date: 2026-10-01
`;
  const broken = 'requirements:\n  - id: B-1\n    title: x\n    title: y\n';
  return { [HOSTILE_FILE]: main, [HOSTILE_NAME]: second, '/w/<b>broken</b>.req.yaml': broken };
}

export function hostileReport(): Report {
  return buildReport(workspaceOf(hostileFiles(), TODAY));
}
