/** The engine's public face: a pure core with no editor, file system or process inside. */
export { Workspace } from './workspace';
export type { AnalysisStore, FileDiagnostics, WorkspaceOptions } from './workspace';
export { STORED_FORM } from './stored-analysis';
export { analyzeFile } from './analyze';
export type { FileAnalysis } from './analyze';
export { readPolicy, CONFIG_FILE_NAME } from './policy';
export { ALL_RULES, DEFAULT_SEVERITY } from './rules';
export { LineIndex } from './text';
export type { Position, Range } from './text';
export { todayIso, isIsoDate, daysBetween } from './clock';
export type * from './types';
export type { Requirement, Evidence, RequirementFile, Waiver, Reference } from './model';
export { accountKey } from './model';
export { fixesFor, fixAllEdits, applyEdits, nextFreeId } from './fixes';
export type { Fix } from './fixes';
export type { Catalog, Definition, ReferenceSite } from './catalog';
