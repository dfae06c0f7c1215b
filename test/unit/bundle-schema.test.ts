// @vitest-environment node
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import retail from '../fixtures/bundles/retail.json';
import { bundleJsonSchema } from '../../src/bundle/json-schema';

const FILE = new URL('../../docs/bundle.schema.json', import.meta.url);

describe('docs/bundle.schema.json', () => {
  it('is the schema generated from the validators (run `npm run schema` after changing them)', () => {
    const generated = `${JSON.stringify(bundleJsonSchema(), null, 2)}\n`;
    if (process.env['UPDATE_SCHEMA']) writeFileSync(FILE, generated);
    expect(readFileSync(FILE, 'utf8')).toBe(generated);
  });

  it('describes the fields a bundle uses', () => {
    const schema = bundleJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    for (const key of Object.keys(retail)) expect(Object.keys(schema.properties)).toContain(key);
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'version', 'features', 'model', 'segments']));
  });
});
