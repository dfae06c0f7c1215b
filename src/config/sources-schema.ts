import * as z from 'zod/mini';
import { describeIssue, type SchemaIssue } from '../lib/describe-issue';
import { edgesegError, type EdgesegError } from '../lib/errors';
import type { SourcesConfig } from '../types/config';
import { ownData } from '../lib/own';

z.config({ jitless: true });

const ids = () =>
  z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.minLength(1), z.maxLength(50)));
const tcfPurposes = () =>
  z.optional(z.array(z.number().check(z.int(), z.gte(1), z.lte(11))).check(z.minLength(1), z.maxLength(11)));
const cookiebotCategories = () =>
  z.optional(z.array(z.enum(['preferences', 'statistics', 'marketing'])).check(z.minLength(1)));
/** A purpose mapping: which of a consent manager's categories each edgeseg purpose needs (all of them). */
const mapping = () => z.optional(z.strictObject({ personalization: ids(), measurement: ids() }));

/**
 * `consent.sources`: the consent managers to read and their mappings ({@link SourcesConfig}).
 * Mappings are "all of": a purpose is granted only when every listed category is. Only
 * the consent chunk imports it, so the core script does not carry it.
 */
export const SourcesSchema = z.strictObject({
  /** IAB TCF v2.2: purposes per edgeseg purpose (default 1, 5, 6 and 1, 8, 9), a vendor id, or the publisher's own purpose consents. */
  tcf: z.optional(
    z.strictObject({
      personalization: tcfPurposes(),
      measurement: tcfPurposes(),
      vendorId: z.optional(z.number().check(z.int(), z.gte(1))),
      publisher: z.optional(z.boolean()),
    }),
  ),
  /**
   * IAB GPP: read its TCF sections (`tcf`: EU, Canada) and its US sections (`us`); both
   * default true. An applicable section that is not read is pending, never granted.
   */
  gpp: z.optional(z.strictObject({ tcf: z.optional(z.boolean()), us: z.optional(z.boolean()) })),
  /** Google Consent Mode v2: types per purpose (default `personalization_storage`, `analytics_storage`). */
  consentMode: mapping(),
  /** OneTrust: category ids per purpose (default C0003, C0002). */
  onetrust: mapping(),
  /** Cookiebot: categories per purpose (default `preferences`, `statistics`). */
  cookiebot: z.optional(z.strictObject({ personalization: cookiebotCategories(), measurement: cookiebotCategories() })),
  /** Klaro: service names per purpose (default `edgeseg`). */
  klaro: mapping(),
});

/** Validates `consent.sources`; the error names the field (`consent.sources.…`) and the reason. */
export function parseSources(
  input: unknown,
): { ok: true; sources: SourcesConfig } | { ok: false; error: EdgesegError } {
  // Own properties in, no prototypes out (see ownData): a polluted Object.prototype adds no source or option.
  const result = SourcesSchema.safeParse(ownData(input ?? {}));
  if (result.success) return { ok: true, sources: ownData(result.data) };
  const issues = result.error.issues.map((issue) =>
    describeIssue({
      ...(issue as SchemaIssue),
      path: ['consent', 'sources', ...(issue.path as PropertyKey[])],
    } as SchemaIssue),
  );
  return {
    ok: false,
    error: edgesegError('config_invalid', `edgeseg: invalid config: ${issues.map((i) => i.message).join('; ')}`, {
      path: issues[0]?.path ?? 'consent.sources',
    }),
  };
}
