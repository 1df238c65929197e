/**
 * Writes `contributes.languageModelTools` into package.json from the tools' one declaration
 * (server/src/tools/definitions.ts): names, descriptions and the JSON Schema of each input,
 * generated from its zod schema. `npm run lm-tools`; test/package/lm-tools.test.ts fails when
 * package.json and the declaration differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputJsonSchema, TOOLS } from '../server/src/tools';

export const PACKAGE_JSON = join(__dirname, '..', 'package.json');

export function languageModelTools(): Record<string, unknown>[] {
  return TOOLS.map((t) => ({
    name: t.name,
    displayName: t.displayName,
    toolReferenceName: t.toolReferenceName,
    canBeReferencedInPrompt: true,
    icon: t.readOnly ? '$(checklist)' : '$(add)',
    tags: ['inbound', 'requirements', 'roadmap'],
    userDescription: t.userDescription,
    modelDescription: t.modelDescription,
    inputSchema: inputJsonSchema(t),
  }));
}

/** package.json with the generated tools in place (key order and layout kept). */
export function withTools(text: string): string {
  const pkg = JSON.parse(text) as { contributes: Record<string, unknown> };
  pkg.contributes.languageModelTools = languageModelTools();
  return JSON.stringify(pkg, null, 2) + '\n';
}

if (require.main === module) writeFileSync(PACKAGE_JSON, withTools(readFileSync(PACKAGE_JSON, 'utf8')));
