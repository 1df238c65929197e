import { styleText } from 'node:util';
import type { CheckResult } from '../check-result';
import { counts } from '../check-result';
import { roadmapDetail, roadmapHeadline, unreadSummary } from '../../report/words';

type Style = Parameters<typeof styleText>[0];

/** For people: grouped by file, 1-based `line:col`, colour only on a terminal; in pieces of about 64 KB. */
export function* formatStylish(result: CheckResult, color: boolean): Generator<string> {
  const paint = (style: Style, text: string) => (color ? styleText(style, text) : text);
  let chunk = '';
  const position = (d: CheckResult['files'][number]['diagnostics'][number]) => `${d.range.start.line + 1}:${d.range.start.character + 1}`;
  for (const f of result.files) {
    if (f.diagnostics.length === 0) continue;
    chunk += paint('underline', f.file) + '\n';
    // A loop, not Math.max(...rows): a file can have more findings than a call takes arguments.
    let w0 = 0;
    let w1 = 0;
    for (const d of f.diagnostics) {
      w0 = Math.max(w0, position(d).length);
      w1 = Math.max(w1, d.severity.length);
    }
    for (const d of f.diagnostics) {
      const sev = d.severity;
      const sevStyle: Style = sev === 'error' ? 'red' : sev === 'warning' ? 'yellow' : 'blue';
      chunk += `  ${paint('dim', position(d).padEnd(w0))}  ${paint(sevStyle, sev.padEnd(w1))}  ${d.message}  ${paint('dim', d.code)}\n`;
      if (chunk.length >= 65536) {
        yield chunk;
        chunk = '';
      }
    }
    chunk += '\n';
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
    chunk += paint('green', `✔ No problems: ${scope}${silenced}.`);
  } else {
    const parts = [
      `${c.error} error${c.error === 1 ? '' : 's'}`,
      `${c.warning} warning${c.warning === 1 ? '' : 's'}`,
      ...(c.information ? [`${c.information} information`] : []),
      ...(c.hint ? [`${c.hint} hint${c.hint === 1 ? '' : 's'}`] : []),
    ];
    const summary = `✖ ${problems} problem${problems === 1 ? '' : 's'} (${parts.join(', ')}) · ${scope}${silenced}.`;
    chunk += paint(c.error ? 'red' : 'yellow', summary);
  }
  yield chunk + '\n';
}
