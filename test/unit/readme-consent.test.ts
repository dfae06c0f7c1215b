import { describe, expect, it } from 'vitest';
import consentDoc from '../../docs/consent.md?raw';
import eventsDoc from '../../docs/events.md?raw';
import apiDoc from '../../docs/api.md?raw';
import { consentConfigSchema } from '../../src/config/consent-schema';
import { SourcesSchema, parseSources } from '../../src/config/sources-schema';
import { parseConfig } from '../../src/config/parse-config';

/** The JSON example under "Consent configuration reference". */
function example(): unknown {
  const section = consentDoc.slice(consentDoc.indexOf('## Consent configuration reference'));
  const match = /```json\n([\s\S]*?)```/.exec(section);
  return JSON.parse(match?.[1] ?? 'null');
}

describe("the privacy officer's reference (docs/consent.md)", () => {
  it('documents every consent field', () => {
    const consentKeys = Object.keys(
      (consentConfigSchema().def.innerType as unknown as { def: { shape: object } }).def.shape,
    );
    for (const key of consentKeys) expect(consentDoc).toContain(`| \`consent.${key}`);
    for (const [name, field] of Object.entries(SourcesSchema.def.shape)) {
      expect(consentDoc).toContain(`| \`consent.sources.${name}\``);
      const inner =
        (field as unknown as { def: { innerType?: { def?: { shape?: object } } } }).def.innerType?.def?.shape ?? {};
      for (const key of Object.keys(inner)) expect(consentDoc).toContain(`| \`consent.sources.${name}.${key}\``);
    }
  });
  it('gives a complete example that validates', () => {
    const config = example() as { consent: { sources: unknown } };
    const parsed = parseConfig(config);
    expect(parsed.ok).toBe(true);
    expect(parseSources(config.consent.sources).ok).toBe(true);
  });
});

describe('the collect reference', () => {
  it('documents every collect field and every error code', async () => {
    const { collectConfigSchema } = await import('../../src/config/collect-schema');
    const keys = Object.keys((collectConfigSchema().def.innerType as unknown as { def: { shape: object } }).def.shape);
    for (const key of keys) expect(eventsDoc).toContain(`| \`collect.${key}\``);
    const errors = (await import('../../src/lib/errors.ts?raw')).default as string;
    for (const [, code] of errors.matchAll(/\| '([a-z_]+)'/g)) expect(apiDoc).toContain(`| \`${code}\``);
  });
});
