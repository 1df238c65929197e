/**
 * VS Code's language-model tools are declared in package.json (`contributes.languageModelTools`),
 * generated from the tools' one declaration (server/src/tools/definitions.ts): the two never drift.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { TOOLS } from '../../server/src/tools';
import { PACKAGE_JSON, withTools } from '../../scripts/lm-tools';

describe('package.json: languageModelTools', () => {
  it('is what npm run lm-tools writes from the tools\' declaration', () => {
    const text = readFileSync(PACKAGE_JSON, 'utf8');
    assert.equal(text, withTools(text), 'package.json is out of date: run npm run lm-tools');
  });

  it('names every tool, and VS Code new enough to have the tool API', () => {
    const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8'));
    const tools = pkg.contributes.languageModelTools as { name: string; modelDescription: string; inputSchema: { type: string } }[];
    assert.deepEqual(tools.map((t) => t.name), TOOLS.map((t) => t.name));
    for (const t of tools) assert.equal(t.inputSchema.type, 'object');
    // vscode.lm.registerTool and invokeTool are final from 1.95; @types/vscode may not promise more than engines.
    assert.equal(pkg.engines.vscode, '^1.95.0');
    assert.match(pkg.devDependencies['@types/vscode'], /^\^?1\.95\./);
  });
});
