/**
 * Offers Inbound's JSON Schemas to the Red Hat YAML extension — only when the setting asks for it,
 * because with both on, every schema problem shows twice (once from each).
 */
import { readFile } from 'node:fs/promises';
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
      (uri) => readFile(context.asAbsolutePath(`schemas/${vscode.Uri.parse(uri).path.replace(/^\//, '')}`), 'utf8'),
    );
  } catch {
    // The YAML extension is optional; without its API there is nothing to offer.
  }
}
