/** The roadmap diff of a change whose every text from the files is an attack (Markdown, HTML and browser tests). */
import { diffReports } from '../../server/src/engine/diff';
import type { RoadmapDiff } from '../../server/src/engine/diff';
import { buildReport } from '../../server/src/engine/report';
import { workspaceOf } from '../report/helpers';
import { ATTACKS, HOSTILE_ID, HOSTILE_NAME } from '../report/hostile';

/** A change whose every text from the files is an attack: ids, titles, accounts, a waiver, a file name. */
export function hostileDiff(): RoadmapDiff {
  const q = (s: string) => JSON.stringify(s);
  const base = workspaceOf({
    '/w/plans.req.yaml': `requirements:
  - id: H-1
    title: ${q(ATTACKS.script)}
    status: validated
    owner: owner@example.com
    evidence:
      - kind: sales-deal
        account: ${q(ATTACKS.autolink)}
        deal: ${q(ATTACKS.markdown)}
        date: 2026-10-01
  - id: H-9
    title: ${q(ATTACKS.title)}
    status: roadmap
    evidence:
      - { kind: survey, respondents: 40, date: 2026-10-04 }
  - id: ${q(HOSTILE_ID)}
    title: ${q(ATTACKS.markdownLink)}
    status: validated
    evidence:
      - kind: sales-deal
        account: ${q(ATTACKS.img)}
        deal: D-1
        date: 2026-10-02
`,
  });
  const head = workspaceOf({
    '/w/plans.req.yaml': `requirements:
  - id: H-1
    title: ${q(ATTACKS.script)}
    status: roadmap
    owner: owner@example.com
    waiver:
      reason: ${q(ATTACKS.style)}
      approved-by: ${q(ATTACKS.at)}
    evidence:
      - kind: sales-deal
        account: ${q(ATTACKS.autolink)}
        deal: ${q(ATTACKS.markdown)}
        date: 2026-10-01
      - kind: rfp
        account: ${q(ATTACKS.link)}
        date: 2026-10-03
`,
    [HOSTILE_NAME]: `requirements:
  - id: ${q(HOSTILE_ID)}
    title: ${q(ATTACKS.markdownLink)}
    status: roadmap
    evidence:
      - kind: sales-deal
        account: ${q(ATTACKS.img)}
        deal: D-1
        date: 2026-10-02
`,
  });
  return diffReports({
    base: { label: ATTACKS.markdown, commit: '0123456789abcdef', projects: [{ project: '.', report: buildReport(base, { details: true }) }] },
    head: { label: 'working tree', projects: [{ project: '.', report: buildReport(head, { details: true }) }] },
  });
}
