/**
 * Hover: on a requirement id, what it is and how its evidence stands; on an evidence kind or a
 * status, what the word means; on a rule code (config, inbound-ignore), what the rule checks.
 */
import { MarkupKind } from 'vscode-languageserver';
import type { Hover, Position } from 'vscode-languageserver';
import { isEvidenceKind } from '../../../schemas/evidence';
import { STATUSES } from '../../../schemas/primitives';
import type { Status } from '../../../schemas/primitives';
import { ALL_RULES } from '../engine';
import { cursorContext, wordAt } from '../engine/cursor';
import type { Requirement } from '../engine';
import { toRange } from './convert';
import { evidenceMix } from './evidence-mix';
import { evidenceOf, sameVoiceNote } from '../engine/independence';
import type { DocumentView } from './document-view';
import { describeKind, STATUS_MEANING } from './words';

export function hover(view: DocumentView | undefined, position: Position): Hover | null {
  if (!view) return null;
  const offset = view.lines.offsetAt(position);
  const word = wordAt(view.text, offset);
  if (!word) return null;
  const range = toRange(view.lines, word.span);
  const markdown = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });
  const rule = ALL_RULES.find((r) => r.code === word.word);
  if (rule) return markdown(`**${rule.code}** (default: ${rule.defaultSeverity}) — ${rule.summary}`);
  if (view.isConfig) return null;
  const ctx = cursorContext(view.text, offset);
  if (ctx.position === 'value' && ctx.key === 'kind' && isEvidenceKind(word.word)) return markdown(describeKind(word.word));
  if (ctx.position === 'value' && ctx.key === 'status' && (STATUSES as readonly string[]).includes(word.word)) {
    return markdown(`**${word.word}** — ${STATUS_MEANING[word.word as Status]}`);
  }
  const defs = view.project.workspace.catalog().definitions.get(word.word);
  if (defs && (ctx.key === 'id' || ctx.key === 'depends-on' || ctx.position === 'entry')) {
    return markdown(defs.map((d) => describeRequirement(d.requirement, d.file, view)).join('\n\n---\n\n'));
  }
  return null;
}

function describeRequirement(req: Requirement, file: string, view: DocumentView): string {
  const mix = evidenceMix(req, view.project.workspace, file);
  const lines = [`**${req.id}** — ${req.title ?? '(no title yet)'}`, `Status: **${req.status ?? 'not set'}**${req.owner ? ` · owner ${req.owner}` : ''}`];
  if (!mix) return [...lines, 'Evidence: not counted — YAML cannot read its file.'].join('\n\n');
  lines.push(`Evidence: ${mix.summary}`);
  if (mix.accounts.length) lines.push(`Accounts: ${mix.accounts.join(', ')}`);
  const note = sameVoiceNote(evidenceOf(req));
  if (note) lines.push(`Not independent: ${note}.`);
  return lines.join('\n\n');
}
