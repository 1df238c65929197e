/**
 * Offers Inbound's JSON Schemas to the Red Hat YAML extension — only when the setting asks for it,
 * because with both on, every schema problem shows twice (once from each).
 */
import * as vscode from 'vscode';

const SCHEME = 'inbound-schema';

interface YamlExtensionApi {
  registerContributor(
    name: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => Promise<string> | string,
  ): boolean;
}

export async function offerSchemasToYamlExtension(context: vscode.ExtensionContext): Promise<void> {
  const yaml = vscode.extensions.getExtension<YamlExtensionApi>('redhat.vscode-yaml');
  if (!yaml) return;
  try {
    const api = await yaml.activate();
    api.registerContributor(
      'inbound',
      (resource) => {
        if (!vscode.workspace.getConfiguration('inbound').get<boolean>('yamlExtension.schemas', false)) return undefined;
        if (/\.req\.ya?ml$/.test(resource)) return `${SCHEME}://schemas/requirements.schema.json`;
        if (/(^|\/)inbound\.config\.yaml$/.test(resource)) return `${SCHEME}://schemas/config.schema.json`;
        return undefined;
      },
      // Through VS Code's file system: the extension's folder is not on a local disk in the browser.
      async (uri) => {
        const file = vscode.Uri.joinPath(context.extensionUri, 'schemas', vscode.Uri.parse(uri).path.replace(/^\//, ''));
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      },
    );
  } catch {
    // The YAML extension is optional; without its API there is nothing to offer.
  }
}
