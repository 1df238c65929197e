/**
 * What the server has on Node (see `ServerHost`): the disk, git for the roadmap diff, the rule pages
 * beside the bundle, the environment's clock, a cache of analyses between sessions. The VS Code
 * extension's server and `inbound lsp` both start with it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { roadmapDiff } from './diff';
import { diskFiles } from './indexer';
import { KeptAnalyses } from './kept-analyses';
import type { ServerHost } from './server-host';

export function nodeHost(): ServerHost {
  return { disk: diskFiles, diff: roadmapDiff, ruleDocs: ruleDocsBeside, today: process.env.INBOUND_TODAY, keptAnalyses: KeptAnalyses.open };
}

/** The rule pages shipped beside the server (docs/rules/ next to dist/), as file links. */
function ruleDocsBeside(): ((code: string) => string) | undefined {
  const dir = join(__dirname, '..', 'docs', 'rules');
  if (!existsSync(dir)) return undefined;
  return (code) => pathToFileURL(join(dir, `${code}.md`)).href;
}
