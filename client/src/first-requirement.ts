/**
 * The first requirement of a product area, in a folder that may have none yet: asks for the area
 * ("Checkout") and the prefix of its ids (CHK, proposed from the area), writes `checkout.req.yaml`
 * with the area and a first requirement CHK-1 whose title is left to write, and opens it with the
 * cursor where the title goes. Nothing is overwritten: an area whose file exists gets its next
 * requirement there instead.
 */
import * as vscode from 'vscode';

/** What the command may be given instead of asking (a walkthrough link, a test, another extension). */
export interface NewAreaArgs {
  area?: string;
  prefix?: string;
  /** The folder to write the file in (a URI or its string); the workspace folder by default. */
  folder?: vscode.Uri | string;
}

export function isNewAreaArgs(value: unknown): value is NewAreaArgs {
  if (!value || typeof value !== 'object' || value instanceof vscode.Uri) return false;
  const v = value as Record<string, unknown>;
  return ['area', 'prefix', 'folder'].some((k) => k in v);
}

/** A prefix that matches the default id pattern: an uppercase letter, then letters and digits. */
const PREFIX = /^[A-Z][A-Z0-9]*$/;

/**
 * An id prefix for an area, the way teams usually shorten one: the initials of several words
 * ("Mobile App" → MA), or a word's first letter and its next consonants not yet taken (Checkout →
 * CHK, Reporting → RPT, Platform → PLT, Onboarding → ONB).
 */
export function proposePrefix(area: string): string {
  const words = area
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]/.test(w));
  if (words.length === 0) return 'REQ';
  if (words.length > 1) return words.slice(0, 4).map((w) => w[0].toUpperCase()).join('');
  const word = words[0].toUpperCase();
  let prefix = word[0];
  for (const c of word.slice(1)) {
    if (prefix.length === 3) break;
    if (/[BCDFGHJKLMNPQRSTVWXZ]/.test(c) && !prefix.includes(c)) prefix += c;
  }
  return prefix.length > 1 ? prefix : word.slice(0, 3);
}

/** The file name of an area: `checkout.req.yaml` for Checkout, `mobile-app.req.yaml` for Mobile App. */
export function areaFileName(area: string): string {
  const slug = area
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'requirements'}.req.yaml`;
}

/** YAML that reads the area as the text it is (quoted only where plain YAML would read it otherwise). */
function yamlText(value: string): string {
  return /^[A-Za-z0-9][\w .,&()/+-]*$/.test(value) && !/[:#]/.test(value) && !/^(true|false|yes|no|on|off|null|~)$/i.test(value) ? value : JSON.stringify(value);
}

export interface NewArea {
  file: vscode.Uri;
  /** Where the title goes. */
  title: vscode.Position;
  /** False: the file was there already, and nothing was written. */
  created: boolean;
}

/**
 * Asks what it was not given and writes the file. Undefined when the user cancelled or there is no
 * folder to write in (said so).
 */
export async function newArea(args: NewAreaArgs): Promise<NewArea | undefined> {
  const folder = await folderFor(args.folder);
  if (!folder) return undefined;
  const area =
    args.area ??
    (await vscode.window.showInputBox({
      title: 'New requirement file (1 of 2)',
      prompt: 'Which product area are these requirements about?',
      placeHolder: 'e.g. Checkout',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Name the product area, e.g. Checkout.'),
    }));
  if (area === undefined || !area.trim()) return undefined;
  const prefix =
    args.prefix ??
    (await vscode.window.showInputBox({
      title: 'New requirement file (2 of 2)',
      prompt: `The prefix of the ids in ${area.trim()}: its first requirement will be ${proposePrefix(area)}-1.`,
      value: proposePrefix(area),
      ignoreFocusOut: true,
      validateInput: (v) => (PREFIX.test(v.trim()) ? undefined : 'Capital letters and digits, starting with a letter, e.g. CHK.'),
    }));
  if (prefix === undefined || !PREFIX.test(prefix.trim())) return undefined;
  const file = vscode.Uri.joinPath(folder, areaFileName(area.trim()));
  if (await exists(file)) return { file, title: new vscode.Position(0, 0), created: false };
  const eol = vscode.workspace.getConfiguration('files', folder).get<string>('eol') === '\r\n' ? '\r\n' : '\n';
  const id = `${prefix.trim()}-${await nextNumber(prefix.trim())}`;
  const lines = [`area: ${yamlText(area.trim())}`, 'requirements:', `  - id: ${id}`, '    title: ', '    status: idea'];
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(lines.join(eol) + eol));
  return { file, title: new vscode.Position(3, '    title: '.length), created: true };
}

/** The folder given, the only workspace folder, or the one the user picks; none open: said so. */
async function folderFor(given: NewAreaArgs['folder']): Promise<vscode.Uri | undefined> {
  if (given) return typeof given === 'string' ? vscode.Uri.parse(given) : given;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri;
  if (folders.length > 1) {
    const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder is the new requirement file for?', ignoreFocusOut: true });
    return picked?.uri;
  }
  const open = 'Open Folder…';
  const chosen = await vscode.window.showInformationMessage(
    'Inbound keeps requirements as files in a folder (usually a git repository). Open the folder first, then run New Requirement again.',
    open,
  );
  if (chosen === open) await vscode.commands.executeCommand('workbench.action.files.openFolder');
  return undefined;
}

/**
 * 1, or one above the highest number the prefix has in the workspace: a new area file whose prefix
 * other files already use must not start with a duplicate id. (With no requirement file yet, no
 * server runs and nothing answers: 1.)
 */
async function nextNumber(prefix: string): Promise<number> {
  const symbols = await vscode.commands
    .executeCommand<vscode.SymbolInformation[] | undefined>('vscode.executeWorkspaceSymbolProvider', `${prefix}-`)
    .then(
      (found) => found ?? [],
      () => [],
    );
  const used = new RegExp(`^${prefix}-(\\d+)(?:\\s|$)`);
  let highest = 0;
  for (const s of symbols) {
    const m = used.exec(s.name);
    if (m) highest = Math.max(highest, Number(m[1]));
  }
  return highest + 1;
}

async function exists(file: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(file).then(
    () => true,
    () => false,
  );
}
