/**
 * The floor as a whole process, for the cold comparison with `inbound check`: bundled into one file
 * the way dist/cli.js is, so both pay the same to start and load their code.
 */
import { readAndParse, requirementFiles } from './floor';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node floor.cjs DIR\n');
  process.exit(2);
}
const { documents, errors } = readAndParse(requirementFiles(dir));
process.stdout.write(`${documents} documents, ${errors} errors\n`);
