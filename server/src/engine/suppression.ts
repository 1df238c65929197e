/**
 * `# inbound-ignore CODE -- reason` on the line above a finding silences it, with the reason kept for
 * the reports. The roadmap gate is never silenced this way: only a `waiver` waives it.
 */
import { RULE_CODES } from '../../../schemas/config';
import type { RuleCode } from '../../../schemas/config';
import { closest } from './did-you-mean';
import type { LineIndex } from './text';
import type { Finding } from './types';

export interface Suppression {
  /** The line the comment is on; it silences findings that start on the next line. */
  line: number;
  code: RuleCode;
  reason: string;
}

const SUPPRESSIBLE = RULE_CODES.filter((c) => c !== 'roadmap-gate');

const COMMENT = /(^|\s)#\s*inbound-ignore\b(.*)$/;

export function readSuppressions(lines: LineIndex): { suppressions: Suppression[]; findings: Finding[] } {
  const suppressions: Suppression[] = [];
  const findings: Finding[] = [];
  const text = lines.text;
  // Cheap test first: most files have no such comment at all.
  if (!text.includes('inbound-ignore')) return { suppressions, findings };
  for (let line = 0; line < lines.lineCount; line++) {
    const lineText = lines.lineText(line);
    const m = COMMENT.exec(lineText);
    if (!m) continue;
    const commentStart = lines.lineStart(line) + m.index + m[1].length;
    const span = { start: commentStart, end: lines.lineEnd(line) };
    const rest = m[2];
    const [codePart, ...reasonParts] = rest.split('--');
    const code = codePart.trim();
    const reason = reasonParts.join('--').trim();
    if (!(RULE_CODES as readonly string[]).includes(code)) {
      // Not roadmap-gate: a comment cannot silence it, so the suggestion would lead to a new finding.
      const suggestion = code ? closest(code, SUPPRESSIBLE) : undefined;
      findings.push({
        code: 'schema',
        message: code
          ? `'${code}' is not a rule code.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Write: # inbound-ignore CODE -- reason.`
          : 'Name the rule to ignore and why: # inbound-ignore CODE -- reason.',
        span,
        // The fix replaces the code only, not the whole comment.
        data: suggestion ? { replacement: suggestion, replaceSpan: codeSpan(lineText, span.start - (m.index + m[1].length), code) } : undefined,
      });
      continue;
    }
    if (code === 'roadmap-gate') {
      findings.push({
        code: 'schema',
        message:
          "The roadmap gate is not silenced by a comment. Record an approved 'waiver' on the requirement (reason and approved-by) instead.",
        span,
      });
      continue;
    }
    if (!reason) {
      findings.push({
        code: 'schema',
        message: `Say why ${code} is ignored here, so reviewers and the reports can see it: # inbound-ignore ${code} -- reason.`,
        span,
      });
      continue;
    }
    suppressions.push({ line, code: code as RuleCode, reason });
  }
  return { suppressions, findings };
}

/** Where the misspelt code sits in the comment line (offsets in the file). */
function codeSpan(lineText: string, lineStart: number, code: string): { start: number; end: number } {
  const at = lineText.indexOf(code, lineText.indexOf('inbound-ignore') + 'inbound-ignore'.length);
  return { start: lineStart + at, end: lineStart + at + code.length };
}
