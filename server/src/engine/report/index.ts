/** The report model: pure, built from a Workspace, the one source of every report rendering. */
export { buildReport } from './build-report';
export type { ReportOptions } from './build-report';
export { VERDICTS } from './types';
export type * from './types';
/** One requirement's verdict, for the code lens and hover: the same verdict the report shows. */
export { verdictOf } from './readiness';
/** Verdicts and the roadmap headline, for every view that shows a number (status bar, lens, CLI). */
export { judgeFile, judgedAt, ReadinessTally, tallyWorkspace } from './judge';
export type { JudgedFile, JudgedRequirement } from './judge';
