import { RULE_HELP } from '../../../../docs/rules/help';
import { ALL_RULES } from '../../engine';
import type { CheckedDiagnostic, CheckResult } from '../check-result';

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** SARIF 2.1.0 for code-scanning tools; suppressed findings travel with their reason. */
export function formatSarif(result: CheckResult, version: string): string {
  const ruleIndex = new Map(ALL_RULES.map((r, i) => [r.code, i]));
  const location = (file: string, d: { range: CheckedDiagnostic['range'] }) => ({
    physicalLocation: {
      artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' },
      region: {
        startLine: d.range.start.line + 1,
        startColumn: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
      },
    },
  });
  const results = result.files.flatMap((f) => [
    ...f.diagnostics.map((d) => ({ d, reason: undefined as string | undefined })),
    ...f.suppressed.map((d) => ({ d, reason: d.reason })),
  ].map(({ d, reason }) => ({
    ruleId: d.code,
    ruleIndex: ruleIndex.get(d.code),
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [location(f.file, d)],
    ...(d.related.length
      ? { relatedLocations: d.related.map((r, i) => ({ id: i, ...location(r.file, r), message: { text: r.message } })) }
      : {}),
    ...(reason !== undefined ? { suppressions: [{ kind: 'inSource', justification: reason }] } : {}),
    ...(d.requirement ? { properties: { requirement: d.requirement } } : {}),
  })));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Inbound',
            version,
            informationUri: 'https://example.invalid/inbound',
            rules: ALL_RULES.map((r) => ({
              id: r.code,
              shortDescription: { text: r.summary },
              // The rule's page itself, not a helpUri: SARIF wants an absolute URI there, code
              // scanning refuses a log whose helpUri is a relative path, and Inbound has no public
              // home to point to. Code scanning shows help.markdown beside each alert.
              ...(RULE_HELP[r.code] ? { help: RULE_HELP[r.code] } : {}),
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
