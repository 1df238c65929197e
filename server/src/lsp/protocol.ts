/**
 * The messages Inbound adds to the Language Server Protocol, declared once for the server and the
 * VS Code extension alike (the extension imports this file).
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Range, TextEdit } from 'vscode-languageserver-protocol';
import type { RoadmapDiff } from '../engine/diff/types';
import type { RoadmapHeadline } from '../engine/report/types';
import type { FileSource } from '../engine/source';

/**
 * The workspace at a glance, for the status bar: the same tally the report's headline shows
 * (`ReadinessTally` in the engine), summed over the workspace's projects.
 */
export interface WorkspaceStatus {
  /** Still reading the workspace's files. */
  indexing: boolean;
  /** Requirement files, those that could not be read included. */
  files: number;
  /** Requirements in the files that could be read. */
  requirements: number;
  /** Requirements with a roadmap status, by verdict: `ready` of `total`, the rest waived, blocked… */
  roadmap: RoadmapHeadline;
  readyToPromote: number;
  /** Files whose YAML could not be read: their requirements are in no total. */
  unread: { uri: string; path: string; line: number; message: string }[];
  errors: number;
  warnings: number;
}
export const StatusNotification = new NotificationType<WorkspaceStatus>('inbound/status');

export interface NewRequirementParams {
  /** The requirement file to add to. */
  uri: string;
}
export interface NewRequirementResult {
  id: string;
  edit: TextEdit;
  /** Where the title goes, to put the cursor there. */
  title: Range;
}
/** A new requirement at the end of a file, with the next free id of the file's prefix. */
export const NewRequirementRequest = new RequestType<NewRequirementParams, NewRequirementResult | null, void>('inbound/newRequirement');

export interface ReportParams {
  /** A file or folder whose workspace to report on; the first workspace folder when absent. */
  uri?: string;
  /**
   * For an export: a folder URI the report's file names are made relative to, with forward
   * slashes, as `inbound report` writes them. Absent: files are named by URI, so a click opens one.
   */
  relativeTo?: string;
}
/** The report model of the workspace (see the engine's report module), as JSON. */
export const ReportRequest = new RequestType<ReportParams, unknown, void>('inbound/report');

export interface FileStatusParams {
  /** A document the editor shows (any YAML file). */
  uri: string;
}
export interface FileStatus {
  /**
   * `requirements`: Inbound checks it as a requirement file; `config`: a project's
   * inbound.config.yaml; `other`: Inbound does not check it.
   */
  kind: 'requirements' | 'config' | 'other';
  /**
   * The project it is in: its folder relative to the workspace folder around it, or that folder's
   * name for the folder itself. Absent for a file outside every workspace folder.
   */
  project?: string;
  /** The config that applies (relative to the workspace folder); absent where the defaults apply. */
  config?: string;
  /** One line, e.g. "Checked · project: packages/app (inbound.config.yaml)". */
  text: string;
  /** What that means, and what to change if it is not what was meant. */
  detail: string;
  /** Probably not what was meant: a `*.req.yaml` the globs leave out, a file too large to check, a config no project reads. */
  warning: boolean;
}
/** Whether Inbound checks a file, and by which project and config: the server decides which files it checks. */
export const FileStatusRequest = new RequestType<FileStatusParams, FileStatus | null, void>('inbound/fileStatus');

/**
 * What an editor may add to `initializationOptions` for these extras (beside the server's own
 * options): `ruleDocs`, a base URI a finding's code is appended to for its documentation link
 * (`codeDescription.href`), e.g. VS Code's `vscode://inbound.inbound/rule/`. Without it, a client
 * that shows code links gets the file of the rule's page beside the server, if there is one.
 */
export interface ExtrasOptions {
  ruleDocs?: string;
}

export interface DiffParams {
  /** The base as the person chose it: a branch, a tag, a commit. */
  base: string;
  /** The base's commit, when known. */
  commit?: string;
  /** The repository's folder: the workspace folders in or around it are compared. Absent: every folder. */
  root?: string;
  /**
   * The base's text of every file that differs from it, by URI (null: the file is not in the base).
   * Every other file is at the base as the server holds it now.
   */
  files: Record<string, string | null>;
}
/** The roadmap diff (`RoadmapDiff` in the engine's diff module) between the base and the editor's state. */
export const DiffRequest = new RequestType<DiffParams, RoadmapDiff | null, void>('inbound/diff');

/**
 * Node flags the VS Code extension starts the server with. A 4 MB young generation (V8's default
 * grows to 16 MB) keeps short-lived parse trees from piling up while a large workspace is indexed:
 * on 10,000 requirements the server's resident memory measured 170 MB instead of 210 MB, indexing
 * no slower and keystrokes as fast. V8 reads it only at start, so it cannot be set from inside.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

/**
 * Inbound's tools for AI assistants (server/src/tools), asked by the VS Code extension for its
 * language-model tools: answered from what the server holds now, unsaved edits included.
 */
export interface ToolParams {
  /** A tool's name, e.g. `inbound_readiness`. */
  name: string;
  /** The input as the model wrote it; the server reads it with the tool's schema. */
  input: unknown;
  /**
   * For the write tool: `plan` asks for the edit without making it; `applied` asks what the
   * requirement is once the edit the plan described is in the editor's text.
   */
  step?: 'plan' | 'applied';
  /** With `applied`: the plan's `after` as it was answered. */
  after?: ToolAfter;
}
export interface ToolAfter {
  id: string;
  fileName: string;
  item: Record<string, string | number>;
  before: string;
}
export interface ToolPlan {
  /** One sentence, for the person confirming it. */
  description: string;
  /** The lines that go into the file, as they will read there. */
  inserted: string;
  /** The file as the tools name it; its URI and the version the edit was planned on (null: not open). */
  fileName: string;
  uri: string;
  version: number | null;
  edits: TextEdit[];
  after: ToolAfter;
}
/** What a tool answers: a summary and the facts, the plan of an edit, or why it cannot (one sentence). */
export type ToolResponse = { summary: string; data: Record<string, unknown> } | { plan: ToolPlan } | { error: string };
export const ToolRequest = new RequestType<ToolParams, ToolResponse, void>('inbound/tool');

/**
 * Files the editor supplies where the server has no disk to read (VS Code for the Web, a virtual
 * workspace): the server asks for a project's files by its globs and reads each through the editor,
 * which learns of changes with its own file watcher (`workspace/didChangeWatchedFiles`).
 */
export interface FindFilesParams {
  /** The folder to search (a URI). */
  folder: string;
  /** Globs relative to the folder; a file any of them selects is found. */
  include: string[];
  /** Globs relative to the folder whose files and folders are not searched. */
  exclude: string[];
}
/** The URIs of the files found. */
export const FindFilesRequest = new RequestType<FindFilesParams, string[], void>('inbound/findFiles');

export interface ReadFileParams {
  uri: string;
  /** A file larger than this is read no further than its first line, and its size said. */
  maxBytes: number;
}
export interface ReadFileResult {
  text: string;
  /** What the text alone cannot tell (see the engine's FileSource): only its head was read, or it is not UTF-8. */
  source?: FileSource;
}
/** A file's text; null when it is not a file that can be read (gone, a folder). */
export const ReadFileRequest = new RequestType<ReadFileParams, ReadFileResult | null, void>('inbound/readFile');
