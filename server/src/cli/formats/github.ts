import type { CheckResult } from '../check-result';

/** GitHub Actions workflow commands: annotations on the pull request's lines, in pieces of about 64 KB. */
export function* formatGithub(result: CheckResult): Generator<string> {
  let chunk = '';
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
      chunk += `::${command} ${props.join(',')}::${data(d.message)}\n`;
      if (chunk.length >= 65536) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk) yield chunk;
}

function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
