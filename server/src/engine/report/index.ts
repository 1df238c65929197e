/** The report model: pure, built from a Workspace, the one source of every report rendering. */
export { buildReport } from './build-report';
export type { ReportOptions } from './build-report';
export { VERDICTS } from './types';
export type * from './types';
/** One requirement's verdict, for the code lens and hover: the same verdict the report shows. */
export { verdictOf } from './readiness';
