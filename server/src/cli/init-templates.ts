/**
 * The files `inbound init` writes into a team's repository. They are read by people who have never
 * seen Inbound (a product manager, a reviewer), so every setting and every key says in plain words
 * what it does. The settings' values come from the defaults in code, so the written config can
 * never disagree with what Inbound does without one.
 */
import { DEFAULT_POLICY } from '../../../schemas/config';
import type { RuleCode } from '../../../schemas/config';
import { DEFAULT_SEVERITY } from '../engine/rules';

/**
 * What each finding catches, in a product manager's words: one line per rule in the config, in
 * this order (the evidence rules first: they are what a team tunes).
 */
const RULE_WORDS: Record<RuleCode, string> = {
  'single-deal': "rests on one account's sales deals and nothing else",
  'sales-only': 'asked for only in sales conversations, by two or more accounts',
  'no-evidence': 'proposed or further along, with no evidence at all',
  'roadmap-gate': 'on the roadmap without the market evidence it needs (or an approved waiver)',
  'duplicate-evidence': 'the same deal listed twice in one requirement',
  'stale-evidence': 'evidence older than stale-after-days: worth refreshing',
  'future-evidence': 'evidence dated after today: a typo in the date?',
  'duplicate-id': 'two requirements share an id',
  'unknown-reference': 'depends-on names an id that no requirement has',
  'dependency-cycle': 'requirements that depend on each other in a circle',
  schema: 'a key or value the format does not know (a typo, a missing title, a bad date)',
  'yaml-syntax': 'the file is not valid YAML',
  'file-too-large': 'a file over max-file-kb, which is not checked',
};

/** YAML flow list of double-quoted strings: JSON's string syntax is YAML's double-quoted style. */
const list = (items: readonly string[]) => `[${items.map((s) => JSON.stringify(s)).join(', ')}]`;

export function configTemplate(): string {
  const p = DEFAULT_POLICY;
  const rules = (Object.keys(RULE_WORDS) as RuleCode[]).map((code) => `  ${code}: ${DEFAULT_SEVERITY[code]}`.padEnd(32) + `# ${RULE_WORDS[code]}`);
  return `# Inbound's settings for this folder and the folders below it. The VS Code extension and
# \`inbound check\` (on your machine and in CI) read this same file, so they always agree.
# Every value written here is Inbound's default; change one and both follow.

# Which files hold requirements: file name patterns, searched from this file's folder.
files: ${list(p.files)}

# Folders and files never to look in.
ignore: ${list(p.ignore)}

# What a requirement id looks like: a regular expression the whole id must match. The default is
# capital letters (or digits), a dash and a number, such as CHK-101 or EX-2.
id-pattern: ${JSON.stringify(p.idPattern)}

# The roadmap gate: what a requirement needs before it can be on the roadmap.
roadmap:
  # The statuses that count as "on the roadmap".
  statuses: [${p.roadmapStatuses.join(', ')}]
  # How many pieces of market evidence (interviews, support tickets, usage metrics, surveys,
  # research…) a roadmap item needs. Sales deals and RFPs do not count: they are what one customer
  # asked for in a negotiation, and an interview with that same customer does not count either.
  min-market-evidence: ${p.minMarketEvidence}

# Evidence older than this many days is flagged as stale: the market may have moved since.
stale-after-days: ${p.staleAfterDays}

# Files larger than this many kilobytes are not checked (they get one finding saying so).
max-file-kb: ${p.maxFileKb}

# How loud each finding is: off, hint, information, warning or error. Errors fail \`inbound check\`
# and the CI run; warnings show up without failing it (unless it runs with --max-warnings).
# Listed with their defaults.
rules:
${rules.join('\n')}
`;
}

/**
 * The first requirement file: one requirement that passes, one the roadmap gate stops. Its
 * evidence is dated `today` (the day of `inbound init`), so nothing in it is stale or in the future.
 * The comment above EX-2 names the findings it gets, as `code (severity), on `key``: the tests hold
 * the file to exactly those.
 */
export function exampleTemplate(today: string): string {
  return `# A first requirement file, written by \`inbound init\`, to show the format. It holds two
# requirements: EX-1 is ready for the roadmap, EX-2 is stopped by Inbound. Run \`npx inbound check\`
# (or open this file in VS Code with the Inbound extension) to see why, then make it your own: edit
# it, rename it, or delete it once you have written your first real requirement.
#
# Requirement files end in .req.yaml (or .req.yml) and can live in any folder. One file holds one
# product area. Lines starting with # are comments: Inbound ignores them.

area: Example                       # the product area, shown in reports (optional)
requirements:                       # the requirements of this area, each starting with "- id:"

  # EX-1 is healthy: on the roadmap, and the market backs it, not just one deal.
  - id: EX-1                        # unique in the project; the format is set in inbound.config.yaml
    title: Export invoices as CSV   # what it is, in a few words
    status: roadmap                 # idea, proposed, validated, roadmap, in-progress, shipped or rejected
    owner: pm@example.com           # who looks after it (optional)
    problem: >                      # the problem, in the customer's words (optional)
      Finance teams copy every invoice into a spreadsheet by hand at month end.
    segments: [mid-market]          # who has the problem (optional)
    evidence:                       # why we believe it: each item is one piece of evidence
      - kind: sales-deal            # SALES evidence: one prospect asked for it in a negotiation
        account: Acme GmbH          # the customer or prospect
        deal: OPP-1001              # the deal, as your CRM calls it
        amount: 40000               # what the deal is worth (optional)
        date: ${today}              # when, written YYYY-MM-DD
      - kind: interview             # MARKET evidence: a conversation outside any deal
        account: Globex AG          # another company than the deal's: an independent voice
        person: Head of Finance     # who you talked to (optional)
        date: ${today}
        note: Exports every invoice by hand each month.  # what you learned (optional)
      - kind: support-tickets       # MARKET evidence: how often customers ran into it
        count: 14                   # how many tickets
        query: "tag:csv-export"     # how to find them again (optional)
        date: ${today}

  # EX-2 is flagged on purpose: it is on the roadmap because one customer asked for it in a deal,
  # and nothing else backs it. What one customer wants is not what every customer wants.
  # \`inbound check\` reports exactly two findings on it:
  #   roadmap-gate (error), on \`status\`: the roadmap needs market evidence (min-market-evidence in
  #     inbound.config.yaml), and EX-2 has none. As an error it fails the check, and CI.
  #   single-deal (warning), on \`evidence\`: all of its evidence comes from one account, Initech.
  # Ways forward (in VS Code, Ctrl+. on the squiggle offers each of them):
  #   - add market evidence: an interview with another customer, support tickets, a usage metric,
  #     a survey or research;
  #   - move it back to \`status: validated\` until the market has spoken;
  #   - or record a waiver, an exception approved by someone other than its owner:
  #       waiver:
  #         reason: Contract commitment, delivery date agreed with Initech.
  #         approved-by: vp-product@example.com
  - id: EX-2
    title: Custom invoice layout for Initech
    status: roadmap
    owner: pm@example.com
    evidence:
      - kind: sales-deal
        account: Initech
        deal: OPP-1002
        amount: 25000
        date: ${today}
`;
}

/** A shell word for a path in a workflow's \`run:\` line. */
function shellWord(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/**
 * The GitHub Actions workflow: check with pull-request annotations, and the readiness report in
 * the run's summary on every run, and on pull requests the roadmap diff against the base. `major` pins inbound-cli to this major version; `path` is the
 * folder of the config relative to the repository's root ('.' when they are the same).
 */
export function workflowTemplate(major: string, path: string): string {
  const cli = `npx --yes inbound-cli@${major}`;
  const where = path === '.' ? '' : ` ${shellWord(path)}`;
  return `# Checks the product requirements (*.req.yaml) with Inbound on every push and pull request.
# Findings show up as annotations on the pull request's changed lines; an error (such as a roadmap
# item without market evidence) fails the run. The roadmap readiness report is written to the
# run's summary page every time.
name: Inbound

on:
  push:
    branches: [main, master]
  pull_request:

permissions:
  contents: read

jobs:
  requirements:
    name: Requirements
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      # Warnings are annotations only; add --max-warnings 0 to fail the run on them too.
      - name: Check requirements
        run: ${cli} check${where} --format github
      # On every run, also when the check found problems.
      - name: Roadmap readiness report
        if: \${{ !cancelled() }}
        run: ${cli} report${where} --format md >> "$GITHUB_STEP_SUMMARY"
      # On pull requests, the roadmap diff: what the change moves onto or off the roadmap, against
      # the pull request's base (fetched, as the checkout holds only the change). The check above
      # is what fails a pull request; this only explains it to the reviewer.
      - name: Roadmap diff
        if: \${{ github.event_name == 'pull_request' && !cancelled() }}
        run: |
          base=$(node -p 'JSON.parse(fs.readFileSync(process.env.GITHUB_EVENT_PATH, "utf8")).pull_request.base.sha')
          git cat-file -e "$base^{commit}" 2>/dev/null || git fetch --no-tags --depth=1 origin "$base"
          ${cli} diff --base "$base"${where} --format md --fail-on never >> "$GITHUB_STEP_SUMMARY"
`;
}
