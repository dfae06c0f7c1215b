import * as z from 'zod/mini';

/**
 * The `consent` section of the config: the privacy officer's part. It is in the core
 * script; the sources' mappings are validated by the consent chunk, which loads only
 * when a source is configured or detected. Its types: `ConsentConfigInput` and
 * `ConsentConfig` in `src/types/config.ts`.
 */
export const consentConfigSchema = () =>
  z.optional(
    z.strictObject({
      /** `opt-in`: pending until granted (default). `opt-out`: granted until denied. */
      mode: z.optional(z.enum(['opt-in', 'opt-out'])),
      /** Label of this configuration (e.g. the policy's version), written into every consent receipt. */
      version: z.optional(z.string().check(z.maxLength(100))),
      /** Look for consent managers on the page when `sources` leaves them out. Default true. */
      detect: z.optional(z.boolean()),
      /** Global Privacy Control: `opt-out` (default) denies every purpose when the browser sends it. */
      gpc: z.optional(z.enum(['opt-out', 'ignore'])),
      /** While pending: `default` content (default), or `page-view`: segments from this page view alone, never stored. */
      pending: z.optional(z.enum(['default', 'page-view'])),
      /** Save the events recorded while consent was pending when it is granted. Default false: from the grant on only. */
      keepPending: z.optional(z.boolean()),
      /** Consent receipts kept on the device, newest last. Default 20; 0 keeps none. */
      receipts: z.optional(z.number().check(z.multipleOf(1), z.gte(0), z.lte(200))),
      /**
       * Consent managers to read, with their mappings (each may be `{}` for the defaults).
       * Checked in detail by the consent chunk ({@link SourcesSchema} in `sources-schema.ts`).
       */
      sources: z.optional(z.looseObject({})),
      /**
       * Purposes a feature (or a family of them) needs besides personalization:
       * `{ "trait": ["measurement"] }`. Checked by `validFeaturePurposes` (`valid-feature-purposes.ts`).
       */
      features: z.optional(z.looseObject({})),
    }),
  );
