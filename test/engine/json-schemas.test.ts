/** The JSON Schemas in schemas/ are generated from the zod schemas: they must match what is committed. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { jsonSchemas } from '../../schemas/generate';

const SCHEMAS = join(__dirname, '..', '..', 'schemas');
const FIXTURES = join(__dirname, '..', 'fixtures', 'check');

describe('generated JSON Schemas', () => {
  const generated = jsonSchemas();

  for (const [name, schema] of Object.entries(generated)) {
    it(`${name} is up to date (run npm run schemas)`, () => {
      const committed = readFileSync(join(SCHEMAS, name), 'utf8');
      assert.equal(committed, JSON.stringify(schema, null, 2) + '\n');
    });
  }

  it('accepts a complete requirement file and rejects a broken one, as the engine does', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(generated['requirements.schema.json'] as object);
    const read = (fixture: string, file: string) => parse(readFileSync(join(FIXTURES, fixture, file), 'utf8'));
    assert.ok(validate(read('evidence-kinds-complete', 'kinds.req.yaml')), JSON.stringify(validate.errors));
    assert.equal(validate(read('schema-unknown-key', 'checkout.req.yaml')), false);
    assert.equal(validate(read('schema-bad-status', 'checkout.req.yaml')), false);
    assert.equal(validate(read('schema-bad-id', 'checkout.req.yaml')), false);
  });

  it('accepts a config using every setting', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(generated['config.schema.json'] as object);
    const config = parse(readFileSync(join(__dirname, '..', '..', 'examples', 'inbound.config.yaml'), 'utf8'));
    assert.ok(validate(config), JSON.stringify(validate.errors));
    assert.equal(validate({ rules: { 'single-deal': 'loud' } }), false);
  });
});
