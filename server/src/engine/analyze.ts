/**
 * One requirement file: text → parse → model → per-requirement rules. Pure; cached by the caller.
 * A file is analysed whole the first time; after an edit inside one requirement, only that
 * requirement is parsed and checked again (see incremental.ts), so a keystroke costs the same in
 * a file of 20 requirements and in one of 2,000.
 */
import { layoutFor, reanalyzeEdit } from './incremental';
import type { Layout } from './incremental';
import { buildModel } from './model';
import type { RequirementFile } from './model';
import { checkItem, idMatcher } from './requirement-check';
import type { RuleContext } from './rules/rule';
import { encodingFinding } from './source';
import type { FileSource } from './source';
import { readSuppressions } from './suppression';
import type { Suppression } from './suppression';
import { LineIndex } from './text';
import type { Finding } from './types';
import { hasAnchorsOrAliases, hasDirectives, parseYaml } from './yaml-document';

export interface FileAnalysis {
  file: string;
  text: string;
  lines: LineIndex;
  model: RequirementFile;
  /** Parser, schema and per-requirement rule findings (cross-file ones are the workspace's). */
  findings: Finding[];
  suppressions: Suppression[];
  /** The findings about ignore comments written wrong (also in `findings`), kept to move them after an edit. */
  commentFindings: Finding[];
  /** Where each requirement's text and findings are, when the file can be re-read piecemeal (see `layoutFor`). */
  layout?: Layout;
  /** The rule findings of each list item, kept to lay the file out on its first edit. */
  itemRuleFindings?: Finding[][];
  /** What reading the file from disk told beyond its text (only its head read, not UTF-8); see source.ts. */
  source?: FileSource;
  /** The YAML could not be read, so the per-requirement rules did not run (a stored analysis must not run them either). */
  unchecked?: true;
  /** Read back from a store (stored-analysis.ts), not from the text: it has no layout for piecemeal edits. */
  restored?: true;
}

/**
 * Analyses `text`; with the file's previous analysis, re-reads only what an edit touched. The
 * previous analysis is taken over: its objects may be reused and moved, so it is not to be used
 * again (the workspace replaces it at once).
 */
export function analyzeFile(file: string, text: string, ctx: RuleContext, previous?: FileAnalysis, source?: FileSource): FileAnalysis {
  if (previous && !source && layoutFor(previous) && utf8Size(text, ctx.policy.maxFileKb * 1024) <= ctx.policy.maxFileKb * 1024) {
    const edited = reanalyzeEdit(previous, text, ctx);
    if (edited) return edited;
  }
  return analyzeWhole(file, text, ctx, source);
}

function analyzeWhole(file: string, text: string, ctx: RuleContext, source?: FileSource): FileAnalysis {
  const lines = new LineIndex(text);
  const limit = ctx.policy.maxFileKb * 1024;
  // Files are measured in UTF-8 bytes, as on disk: a file read from disk no further than its head
  // when too large tells its size; text from an editor is counted, so the editor and the CLI agree.
  const size = source?.size ?? utf8Size(text, limit);
  if (size > limit) {
    return {
      file,
      text,
      lines,
      model: { requirements: [], findings: [], items: [] },
      suppressions: [],
      commentFindings: [],
      findings: [
        {
          code: 'file-too-large',
          message: `This file is ${(size / 1024).toFixed(0)} KB; Inbound checks files up to ${ctx.policy.maxFileKb} KB (max-file-kb in inbound.config.yaml). Split the area into several files, or raise the limit.`,
          span: { start: 0, end: lines.lineEnd(0) },
        },
      ],
      source,
    };
  }
  // Only the head was read, and the limit has since been raised: nothing to judge until the caller
  // reads the file again (the language server does at once).
  if (source?.size !== undefined) {
    return { file, text, lines, model: { requirements: [], findings: [], items: [] }, suppressions: [], commentFindings: [], findings: [], source };
  }
  const parsed = parseYaml(text);
  const model = buildModel(text, parsed, idMatcher(ctx.policy));
  const { suppressions, findings: commentFindings } = readSuppressions(lines, parsed.doc?.contents);
  // Bytes that are not UTF-8: one finding that says so, the rest would be about a mis-decoded text.
  // The ids still count for the other files, as after a syntax error.
  if (source?.encoding) {
    return { file, text, lines, model, findings: [encodingFinding(lines, source.encoding)], suppressions, commentFindings: [], source };
  }
  const syntax = distinctSpans(parsed.findings);
  // Text the parser could not read yields a guessed structure: its missing keys and empty lists
  // are echoes of the syntax error, not facts. Show what to fix first; the ids still count for
  // the other files, so their references do not flicker while someone types.
  if (parsed.doc?.errors.length || !parsed.doc) {
    return { file, text, lines, model, findings: syntax, suppressions, commentFindings, unchecked: true };
  }
  const ruleFindings = model.items.map((item) => checkItem(item, ctx));
  const findings: Finding[] = [...syntax, ...model.findings, ...ruleFindings.flat(), ...commentFindings];
  // An anchor or alias lets one requirement stand for another, a directive (`%YAML 1.1`) changes
  // how every value is read, and merge keys are findings of the file: such a file is always re-read whole.
  const piecemeal = syntax.length === 0 && parsed.mergeKeys.length === 0 && !hasDirectives(parsed.doc) && !hasAnchorsOrAliases(text, parsed.doc);
  return { file, text, lines, model, findings, suppressions, commentFindings, itemRuleFindings: piecemeal ? ruleFindings : undefined };
}

/**
 * The text's size in UTF-8 bytes, as a file on disk has it. Counted only when it could be over
 * `limit` (a text of no more than limit / 3 characters cannot be: no UTF-16 unit takes more than
 * three bytes); below that, its length stands in, as it is under the limit either way.
 */
export function utf8Size(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The parser may report one place several times (an unclosed bracket, twice): once is enough. */
function distinctSpans(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.span.start}:${f.span.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
