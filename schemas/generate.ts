/** Writes the JSON Schemas for other editors and YAML tools, generated from the zod schemas. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { configFileSchema } from './config';
import { requirementFileSchema } from './requirements';

export function jsonSchemas(): Record<string, unknown> {
  return {
    'requirements.schema.json': z.toJSONSchema(requirementFileSchema, { io: 'input', target: 'draft-7' }),
    'config.schema.json': z.toJSONSchema(configFileSchema, { io: 'input', target: 'draft-7' }),
  };
}

export function writeJsonSchemas(dir: string): void {
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    writeFileSync(join(dir, name), JSON.stringify(schema, null, 2) + '\n');
  }
}

// `npm run schemas` runs this file: the generated files sit beside the zod schemas they come from.
if (require.main === module) writeJsonSchemas(__dirname);
