/** The vocabulary of the engine. Ranges are UTF-16 offsets into the file's exact text. */
import type { RuleCode } from '../../../schemas/config';
export type { RuleCode } from '../../../schemas/config';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Span {
  start: number;
  end: number;
}

export interface Related {
  file: string;
  span: Span;
  message: string;
}

/** What a rule reports, before the policy decides its severity. */
export interface Finding {
  code: RuleCode;
  message: string;
  span: Span;
  /** The id of the requirement the finding is about, if any. */
  requirement?: string;
  related?: Related[];
  /** Facts a quick fix needs (e.g. the replacement for a misspelt key), serialisable. */
  data?: Record<string, unknown>;
}

/** A finding as shown to a person: with the severity the policy gave it. */
export interface Diagnostic extends Finding {
  severity: Severity;
}

/** A finding a person silenced with `# inbound-ignore CODE -- reason`; the reports list these. */
export interface Suppressed extends Diagnostic {
  reason: string;
}

export interface TextEdit {
  span: Span;
  newText: string;
}
