/**
 * One document as the features see it: the engine's analysis of exactly the text the editor has,
 * and the project it belongs to. Every feature module reads this and nothing of the server's state.
 */
import type { FileAnalysis, LineIndex } from '../engine';
import type { Project } from './projects';

export interface DocumentView {
  uri: string;
  file: string;
  project: Project;
  text: string;
  lines: LineIndex;
  /** Undefined for the config file and for files that are not requirement files. */
  analysis?: FileAnalysis;
  isConfig: boolean;
  version: number | null;
}
