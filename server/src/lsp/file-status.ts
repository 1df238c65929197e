/**
 * Whether Inbound checks a file, and by which project and config: the answer behind VS Code's
 * language status item. The server decides which files it checks (each project's `files` and
 * `ignore` globs, the configs below a workspace folder), so the editor asks it rather than guess
 * from the file's name.
 */
import { basename, relative, sep } from 'node:path';
import { CONFIG_FILE_NAME } from '../engine';
import { fileSelector, globPath, isConfigFile } from '../paths/project-globs';
import { fileOf } from './projects';
import type { Project, Projects } from './projects';
import type { FileStatus } from './protocol';

const REQUIREMENT_NAME = /\.req\.ya?ml$/i;

export function fileStatus(projects: Projects, uri: string): FileStatus {
  const file = fileOf(uri);
  const owner = projects.configOwner(file);
  if (owner) {
    const name = projectName(projects, owner);
    return {
      kind: 'config',
      project: name,
      config: configName(projects, owner),
      text: `Inbound's own config · project: ${name}`,
      detail: `The settings of the requirement files in ${name}: which files are checked, the id pattern, the roadmap's policy, each rule's severity. A change applies as you type.`,
      warning: false,
    };
  }
  if (isConfigFile(file)) {
    return {
      kind: 'other',
      text: 'Not used: no project reads this config',
      detail: `Inbound reads an ${CONFIG_FILE_NAME} in a workspace folder, or below one where the config above does not ignore its folder. This one is in neither place.`,
      warning: true,
    };
  }
  const project = projects.forFile(file);
  if (project.root === undefined || !project.holds(file)) return looseFile(file);
  const name = projectName(projects, project);
  const config = configName(projects, project);
  const settings = config ? `the settings of ${config}` : 'the default settings (there is no inbound.config.yaml)';
  if (project.wants(file)) {
    const tooLarge = project.workspace.get(file)?.findings.find((f) => f.code === 'file-too-large');
    if (tooLarge) {
      return { kind: 'requirements', project: name, config, text: 'Not checked · too large (max-file-kb)', detail: tooLarge.message, warning: true };
    }
    return {
      kind: 'requirements',
      project: name,
      config,
      text: `Checked · project: ${name} (${config ? CONFIG_FILE_NAME : 'default settings'})`,
      detail: `Inbound checks this file with ${settings}. Ids, depends-on references and cycles are checked within the project ${name}.`,
      warning: false,
    };
  }
  const { files, ignore } = project.workspace.policy;
  const whose = config ? "the config's" : 'the default';
  const left = fileSelector({ files, ignore: [] })(globPath(project.root, file)) ? `${whose} ignore globs leave it out` : `${whose} globs do not select it`;
  return {
    kind: 'other',
    project: name,
    config,
    text: `Not a requirement file (${left})`,
    detail: `The project ${name} checks ${files.join(', ')}${ignore.length ? `, except ${ignore.join(', ')}` : ''} (${settings}).`,
    // A file named like a requirement file that is not checked is probably not what was meant.
    warning: REQUIREMENT_NAME.test(basename(file)),
  };
}

/** A file outside every workspace folder: a requirement file by its name is checked alone, with the defaults. */
function looseFile(file: string): FileStatus {
  if (REQUIREMENT_NAME.test(basename(file))) {
    return {
      kind: 'requirements',
      text: 'Checked · on its own (outside the workspace folders)',
      detail: 'Inbound checks this file alone, with the default settings: ids and references in other files are not known to it.',
      warning: false,
    };
  }
  return {
    kind: 'other',
    text: 'Not a requirement file',
    detail: 'Outside the workspace folders, Inbound checks only files named *.req.yaml or *.req.yml.',
    warning: false,
  };
}

/** The workspace folder a project lies in: the outermost folder the editor opened that holds it. */
function folderOf(projects: Projects, project: Project): Project {
  const root = project.root!;
  const around = projects.all().filter((p) => !p.nested && p.root !== undefined && (p.root === root || p.holds(root)));
  return around.sort((a, b) => a.root!.length - b.root!.length)[0] ?? project;
}

/** A project's folder relative to its workspace folder, or that folder's name for the folder itself. */
function projectName(projects: Projects, project: Project): string {
  const folder = folderOf(projects, project);
  const path = relative(folder.root!, project.root!).split(sep).join('/');
  return path || basename(project.root!);
}

/** The project's config relative to its workspace folder, if it has one. */
function configName(projects: Projects, project: Project): string | undefined {
  const config = project.workspace.configFile;
  if (!config) return undefined;
  return relative(folderOf(projects, project).root!, config).split(sep).join('/');
}
