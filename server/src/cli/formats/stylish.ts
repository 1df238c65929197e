import { styleText } from 'node:util';
import type { CheckResult } from '../check-result';
import { counts } from '../check-result';
import { roadmapDetail, roadmapHeadline, unreadSummary } from '../../report/words';

type Style = Parameters<typeof styleText>[0];

/** For people: grouped by file, 1-based `line:col`, colour only on a terminal. */
export function formatStylish(result: CheckResult, color: boolean): string {
  const paint = (style: Style, text: string) => (color ? styleText(style, text) : text);
  const lines: string[] = [];
  for (const f of result.files) {
    if (f.diagnostics.length === 0) continue;
    lines.push(paint('underline', f.file));
    const rows = f.diagnostics.map((d) => [
      `${d.range.start.line + 1}:${d.range.start.character + 1}`,
      d.severity,
      d.message,
      d.code,
    ]);
    // A loop, not Math.max(...rows): a file can have more findings than a call takes arguments.
    let w0 = 0;
    let w1 = 0;
    for (const r of rows) {
      w0 = Math.max(w0, r[0].length);
      w1 = Math.max(w1, r[1].length);
    }
    for (const [pos, sev, message, code] of rows) {
      const sevStyle: Style = sev === 'error' ? 'red' : sev === 'warning' ? 'yellow' : 'blue';
      lines.push(`  ${paint('dim', pos.padEnd(w0))}  ${paint(sevStyle, sev.padEnd(w1))}  ${message}  ${paint('dim', code)}`);
    }
    lines.push('');
  }
  const c = counts(result);
  const problems = c.error + c.warning + c.information + c.hint;
  // Requirement files only: a config shown with its own findings holds no requirements.
  const files = result.files.filter((f) => !f.isConfig).length;
  const { requirements, roadmap, unread } = result.readiness;
  const scope = `${requirements} requirement${requirements === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
  const suppressed = result.files.reduce((n, f) => n + f.suppressed.length, 0);
  // The roadmap's readiness as the report's headline and the editor's status bar say it.
  const detail = roadmapDetail(roadmap);
  const silenced =
    (suppressed ? `, ${suppressed} ignored with a reason` : '') +
    (unread.length ? ` · ${unreadSummary(unread)}` : '') +
    (roadmap.total ? ` · ${roadmapHeadline(roadmap)}${detail ? ` (${detail})` : ''}` : '');
  if (problems === 0) {
    lines.push(paint('green', `✔ No problems: ${scope}${silenced}.`));
  } else {
    const parts = [
      `${c.error} error${c.error === 1 ? '' : 's'}`,
      `${c.warning} warning${c.warning === 1 ? '' : 's'}`,
      ...(c.information ? [`${c.information} information`] : []),
      ...(c.hint ? [`${c.hint} hint${c.hint === 1 ? '' : 's'}`] : []),
    ];
    const summary = `✖ ${problems} problem${problems === 1 ? '' : 's'} (${parts.join(', ')}) · ${scope}${silenced}.`;
    lines.push(paint(c.error ? 'red' : 'yellow', summary));
  }
  return lines.join('\n') + '\n';
}
