/**
 * The assistants' tools (server/src/tools) are pure, like the engine they read: no file system, no
 * process, no editor or protocol, and nothing from the layers that adapt them (node, cli, lsp, the
 * extension). The hosts give them a `ToolScope`; that is all they see.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const TOOLS = join(__dirname, '..', '..', 'server', 'src', 'tools');
/** What a tool may import: the engine, the file format's schemas, the rule pages, the report's words, zod and yaml's types. */
const ALLOWED = [/^\.\/[a-z-]+$/, /^\.\.\/engine(\/|$)/, /^\.\.\/\.\.\/\.\.\/schemas\//, /^\.\.\/\.\.\/\.\.\/docs\/rules\/help$/, /^\.\.\/report\/words$/, /^zod$/, /^yaml$/];

describe('server/src/tools', () => {
  it('imports only the engine and what the engine itself stands on', () => {
    for (const name of readdirSync(TOOLS).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(TOOLS, name), 'utf8');
      for (const [, spec] of text.matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)) {
        assert.ok(ALLOWED.some((re) => re.test(spec)), `${name} imports ${spec}`);
      }
    }
  });
});
