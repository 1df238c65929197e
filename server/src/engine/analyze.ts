/** One requirement file: text → parse → model → per-requirement rules. Pure; cached by the caller. */
import type { Policy } from '../../../schemas/config';
import { buildModel } from './model';
import type { RequirementFile } from './model';
import { REQUIREMENT_RULES } from './rules';
import type { RuleContext } from './rules/rule';
import { readSuppressions } from './suppression';
import type { Suppression } from './suppression';
import { LineIndex } from './text';
import type { Finding } from './types';
import { parseYaml } from './yaml-document';

export interface FileAnalysis {
  file: string;
  text: string;
  lines: LineIndex;
  model: RequirementFile;
  /** Parser, schema and per-requirement rule findings (cross-file ones are the workspace's). */
  findings: Finding[];
  suppressions: Suppression[];
}

export function analyzeFile(file: string, text: string, ctx: RuleContext): FileAnalysis {
  const lines = new LineIndex(text);
  const limit = ctx.policy.maxFileKb * 1024;
  if (text.length > limit) {
    return {
      file,
      text,
      lines,
      model: { requirements: [], findings: [] },
      suppressions: [],
      findings: [
        {
          code: 'file-too-large',
          message: `This file is ${(text.length / 1024).toFixed(0)} KB; Inbound checks files up to ${ctx.policy.maxFileKb} KB (max-file-kb in inbound.config.yaml). Split the area into several files, or raise the limit.`,
          span: { start: 0, end: lines.lineEnd(0) },
        },
      ],
    };
  }
  const parsed = parseYaml(text);
  const model = buildModel(text, parsed, idRegex(ctx.policy));
  const { suppressions, findings: commentFindings } = readSuppressions(lines);
  const syntax = distinctSpans(parsed.findings);
  // Text the parser could not read yields a guessed structure: its missing keys and empty lists
  // are echoes of the syntax error, not facts. Show what to fix first; the ids still count for
  // the other files, so their references do not flicker while someone types.
  if (parsed.doc?.errors.length || !parsed.doc) {
    return { file, text, lines, model, findings: syntax, suppressions };
  }
  const findings: Finding[] = [...syntax, ...model.findings, ...commentFindings];
  for (const req of model.requirements) {
    for (const rule of REQUIREMENT_RULES) {
      for (const f of rule.check(req, ctx)) {
        f.requirement ??= req.id;
        findings.push(f);
      }
    }
  }
  return { file, text, lines, model, findings, suppressions };
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

const regexCache = new Map<string, RegExp>();
function idRegex(policy: Policy): RegExp {
  let r = regexCache.get(policy.idPattern);
  if (!r) {
    r = new RegExp(policy.idPattern);
    regexCache.set(policy.idPattern, r);
  }
  return r;
}
