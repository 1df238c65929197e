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
  const findings: Finding[] = [...parsed.findings, ...model.findings, ...commentFindings];
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

const regexCache = new Map<string, RegExp>();
function idRegex(policy: Policy): RegExp {
  let r = regexCache.get(policy.idPattern);
  if (!r) {
    r = new RegExp(policy.idPattern);
    regexCache.set(policy.idPattern, r);
  }
  return r;
}
