import type { CheckResult } from '../check-result';

/** GitHub Actions workflow commands: annotations on the pull request's lines. */
export function formatGithub(result: CheckResult): string {
  const lines: string[] = [];
  for (const f of result.files) {
    for (const d of f.diagnostics) {
      const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const props = [
        `file=${property(f.file)}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${property(`Inbound ${d.code}`)}`,
      ];
      lines.push(`::${command} ${props.join(',')}::${data(d.message)}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
