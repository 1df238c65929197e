/**
 * The file access where the server has no disk to read (the browser, a virtual workspace): the
 * editor searches a project's folder by the config's globs and reads each file for the server
 * (protocol.ts), and its file watcher reports changes as on the desktop. The boundaries of projects
 * are drawn by the same code as the disk's search (paths/project-globs.ts).
 */
import type { Connection } from 'vscode-languageserver';
import { MAX_CONFIG_KB } from '../engine/policy';
import { CONFIG_FILE_NAME, insideGlobs, splitFound } from '../paths/project-globs';
import type { FileAccess, FileText } from './file-access';
import { fileOf, uriOf } from './projects';
import type { Project } from './projects';
import { FindFilesRequest, ReadFileRequest } from './protocol';

export function clientFiles(connection: Connection): FileAccess {
  const read = async (file: string, maxBytes: number): Promise<FileText | undefined> => {
    try {
      return (await connection.sendRequest(ReadFileRequest, { uri: uriOf(file), maxBytes })) ?? undefined;
    } catch {
      return undefined;
    }
  };
  return {
    async discover(project: Project) {
      if (project.root === undefined) return { files: [], nested: [] };
      const policy = project.workspace.policy;
      const include = insideGlobs(policy.files);
      // Without any glob of its own left, a project has no files (as in the disk's search).
      if (!include.length) return { files: [], nested: [] };
      const found = await connection.sendRequest(FindFilesRequest, {
        folder: uriOf(project.root),
        include: [...include, `**/${CONFIG_FILE_NAME}`],
        exclude: insideGlobs(policy.ignore),
      });
      const scan = splitFound(project.root, policy, found.map(fileOf), true, []);
      return { files: scan.files.filter((f) => project.wants(f)), nested: scan.nested };
    },
    readText: (project, file) => (project.root === undefined ? Promise.resolve(undefined) : read(file, project.workspace.policy.maxFileKb * 1024)),
    readConfigText: (_root, file) => read(file, MAX_CONFIG_KB * 1024),
    // The editor's file system has no links for the server to judge.
    realFolder: () => Promise.resolve(undefined),
  };
}
