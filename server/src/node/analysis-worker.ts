/** A worker thread of `inbound check`: analyses its share of the files and sends the analyses back. */
import { parentPort, workerData } from 'node:worker_threads';
import { analyseOne } from './parallel';
import type { Analysed, AnalysisJob } from './parallel';

const job = workerData as AnalysisJob;
const results: Analysed[] = job.files.map((file) => {
  const r = analyseOne(file, job);
  if (!r.analysis) return r;
  // What the main thread rebuilds or never needs stays here: the line index, the edit layout.
  const { lines: _lines, layout: _layout, itemRuleFindings: _pieces, ...analysis } = r.analysis;
  return { file, analysis: analysis as Analysed['analysis'] };
});
parentPort!.postMessage(results);
