// @vitest-environment node
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventsJsonSchema } from '../../cli/collect/payload-schema';

const FILE = new URL('../../docs/events.schema.json', import.meta.url);

describe('docs/events.schema.json', () => {
  it('is the schema the collector validates with (run `npm run schema` after changing it)', () => {
    const generated = `${JSON.stringify(eventsJsonSchema(), null, 2)}\n`;
    if (process.env['UPDATE_SCHEMA']) writeFileSync(FILE, generated);
    expect(readFileSync(FILE, 'utf8')).toBe(generated);
  });
});
