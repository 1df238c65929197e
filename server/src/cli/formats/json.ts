import type { CheckedDiagnostic, CheckResult } from '../check-result';

/**
 * One object per file with LSP positions: the machine-readable contract of `inbound check`. The
 * text is exactly `JSON.stringify(files, null, 2)`, written in pieces of about 64 KB: a file with
 * 400,000 findings would otherwise be one string of hundreds of megabytes, built in memory before a
 * byte of it is written.
 */
export function* formatJson(result: CheckResult): Generator<string> {
  if (result.files.length === 0) {
    yield '[]\n';
    return;
  }
  let chunk = '[\n';
  for (let i = 0; i < result.files.length; i++) {
    const f = result.files[i];
    chunk += `  {\n    "file": ${JSON.stringify(f.file)},\n    "diagnostics": `;
    if (f.diagnostics.length === 0) chunk += '[]';
    else {
      chunk += '[\n';
      for (let j = 0; j < f.diagnostics.length; j++) {
        chunk += indent(JSON.stringify(plain(f.diagnostics[j]), null, 2)) + (j + 1 < f.diagnostics.length ? ',\n' : '\n');
        if (chunk.length >= 65536) {
          yield chunk;
          chunk = '';
        }
      }
      chunk += '    ]';
    }
    chunk += `\n  }${i + 1 < result.files.length ? ',' : ''}\n`;
  }
  yield chunk + ']\n';
}

/** The fields the contract names, in its order. */
function plain(d: CheckedDiagnostic) {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    range: d.range,
    ...(d.requirement ? { requirement: d.requirement } : {}),
  };
}

/** Six spaces before every line: a diagnostic's place inside the array of files. */
function indent(json: string): string {
  return '      ' + json.replace(/\n/g, '\n      ');
}
