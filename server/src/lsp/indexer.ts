/**
 * Reading a project's folder from disk: its config, its requirement files and the configs below it.
 * The language server's file access on Node (see file-access.ts).
 */
import { MAX_CONFIG_KB } from '../engine/policy';
import { scanProject } from '../node/project-tree';
import type { ProjectScan } from '../node/project-tree';
import { readDiskTextAsync, realFolderAsync } from '../node/read-text';
import type { DiskText } from '../node/read-text';
import type { FileAccess } from './file-access';
import type { Project } from './projects';

/**
 * The requirement files of a project, as its globs find them (none in the folders of deeper
 * configs, no link that leads out of the folder), and the folders of the configs just below it:
 * the same search as the CLI's.
 */
export async function discover(project: Project): Promise<ProjectScan> {
  if (project.root === undefined) return { files: [], nested: [] };
  const scan = await scanProject(project.root, project.workspace.policy);
  return { files: scan.files.filter((f) => project.wants(f)), nested: scan.nested, outside: scan.outside };
}

/**
 * A requirement file of `project` as the editor would show it, read without blocking the server;
 * undefined if it cannot be read: gone, a folder, not a regular file (a pipe named *.req.yaml would
 * otherwise block for good), or outside the project's folder through a symbolic link (the rule for
 * links, see project-tree.ts). A file larger than max-file-kb is read no further than its first
 * line. Files of no project's folder (opened from elsewhere) are never read from disk.
 */
export async function readText(project: Project, file: string, realRoot?: string): Promise<DiskText | undefined> {
  if (project.root === undefined) return undefined;
  try {
    return await readDiskTextAsync(file, { root: project.root, realRoot, maxBytes: project.workspace.policy.maxFileKb * 1024 });
  } catch {
    return undefined;
  }
}

/** A config, read for the folder it governs (`root`: a nested config's folder, not yet a project). */
export async function readConfigText(root: string, file: string): Promise<DiskText | undefined> {
  try {
    return await readDiskTextAsync(file, { root, maxBytes: MAX_CONFIG_KB * 1024 });
  } catch {
    return undefined;
  }
}

/** The disk, as the server on Node reads it. */
export const diskFiles: FileAccess = {
  discover,
  readText,
  readConfigText,
  realFolder: realFolderAsync,
};
