/**
 * The floor: what reading the files and parsing them with `yaml` costs, with the very options the
 * engine parses with, and nothing else. Inbound's speed targets are ratios to this.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { PARSE_OPTIONS } from '../server/src/engine/yaml-document';

/** Every requirement file under `dir`, in a stable order. */
export function requirementFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.req.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

export function parseText(text: string) {
  return parseDocument(text, PARSE_OPTIONS);
}

/** Reads and parses each file; the counts keep the work observable (and say whether the YAML is clean). */
export function readAndParse(files: readonly string[]): { documents: number; errors: number } {
  let errors = 0;
  for (const file of files) errors += parseText(readFileSync(file, 'utf8')).errors.length;
  return { documents: files.length, errors };
}
