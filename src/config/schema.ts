import * as z from 'zod/mini';
import { consentConfigSchema } from './consent-schema';
import { collectConfigSchema } from './collect-schema';

// Classic zod probes `new Function` to pick a fast path; under a strict CSP that files a
// violation report on every page. jitless keeps validation interpretive.
z.config({ jitless: true });

const between = (min: number, max: number) => z.optional(z.number().check(z.gte(min), z.lte(max)));
// Whole numbers are checked with `multipleOf(1)`, not `z.int()`: the int format costs about
// 0.4 KB of the script tag (the message: `must be a whole number`, see describeIssue).
const flag = () => z.optional(z.boolean());
/**
 * Schema of the configuration object (`init(config)`, `window.edgesegConfig`, `data-*`).
 * Defaults live in {@link CONFIG_DEFAULTS} rather than in the schema: zod's default
 * wrapper costs bytes in a script every page loads. The public types are written by hand
 * in `src/types/config.ts` (`EdgesegConfigInput`, `EdgesegConfig`), kept equal to this
 * schema by `test/types/config.test-d.ts`.
 */
// Whole numbers are checked with `multipleOf(1)`, not `z.int()`: the int format costs about
// 0.4 KB of the script tag (the message: `must be a whole number`, see describeIssue).
const buildConfigSchema = () =>
  z.strictObject({
    /** URL of the segment bundle (`edgeseg-bundle/1` JSON). Without one, nothing is personalized. */
    bundle: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
    /** Folder URL the script tag imports its chunks (`edgeseg.NAME.mjs`) from. Default: beside the script. */
    chunkBase: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
    /** Milliseconds before a bundle fetch is abandoned. Default 3000. */
    bundleTimeout: between(100, 60_000),
    /** Minutes of inactivity after which a new session starts. Default 30. */
    sessionTimeout: between(1, 24 * 60),
    /** Consent: mode, sources and their mappings, GPC, pending behaviour, receipts (see `consent-schema.ts`). */
    consent: consentConfigSchema(),
    /** Collectors on or off, engaged-time idle cut-off, affinity half-life, page-type URL rules (see `collect-schema.ts`). */
    collect: collectConfigSchema(),
    /** `memory` never touches IndexedDB, even with consent. Default `indexeddb`. */
    storage: z.optional(z.enum(['indexeddb', 'memory'])),
    /** Milliseconds an IndexedDB step may take before the memory profile is used. Default 1500. */
    storageTimeout: between(50, 30_000),
    /**
     * Raw events kept (a ring): at most `maxEvents` (default 500), none older than
     * `maxAgeDays` (default 30); the profile until `profileDays` without a visit (default
     * 395); a cached bundle `bundleDays` unconfirmed (default 30).
     */
    retention: z.optional(
      z.strictObject({
        maxEvents: z.optional(z.number().check(z.multipleOf(1), z.gte(0), z.lte(10_000))),
        maxAgeDays: between(0, 3650),
        profileDays: between(1, 3650),
        bundleDays: between(1, 3650),
      }),
    ),
    /** Longest time a slot with variants stays hidden while its decision is pending. Default 300. */
    hideTimeout: between(0, 3000),
    /** Record a page view on start (default). Turn off when a router calls `page()` itself. */
    autoPage: flag(),
    /** Record clicks on `[data-edgeseg-track]` elements (default). */
    trackClicks: flag(),
    /** Events held in memory while consent is pending, oldest dropped first. Default 500. */
    maxPendingEvents: z.optional(z.number().check(z.multipleOf(1), z.gte(0), z.lte(10_000))),
    /** A console warning for every reported error. Default false. */
    debug: flag(),
    /**
     * Pinned EC P-256 public keys (JWK, at least one) that bundle signatures must verify
     * against; setting them makes signatures required. Checked by the engine chunk (its
     * bundle schema already has the array code) to keep the core small.
     */
    publicKeys: z.optional(z.unknown()),
    /** Refuse unsigned bundles. Default: true when `publicKeys` are pinned, and `false` is then refused. */
    requireSignature: flag(),
    /** Accept a bundle older than the last known good one. Default false. */
    allowRollback: flag(),
    /** Seconds a cached bundle is used without revalidating it. Default 300. */
    bundleMaxAge: between(0, 30 * 86_400),
    /** Confidence margin a new segment needs over the visitor's current one to replace it. Default 0.1. */
    switchMargin: between(0, 1),
    /** Honour `?edgeseg_preview=SEGMENT_ID` and `?edgeseg_debug=1` (default). Turn off to ignore both. */
    preview: flag(),
    /**
     * Per-variant exposure limits by segment id: `{ sale: { session: 3, day: 5 } }`; past a
     * cap the slot shows its default. Values are checked by `validCaps` in
     * `decide/frequency-cap.ts`: `z.record` would cost ~0.7 KB of the script tag.
     */
    frequencyCaps: z.optional(z.looseObject({})),
    /** Show the visitor transparency widget ("why am I seeing this?", export, erase). Default false. */
    transparency: flag(),
    /**
     * Keep `<script>` elements, `on*` handlers, `srcdoc` and `javascript:` URLs in variant
     * templates when they are shown (they then run on every application). Default false:
     * removed (see `makeInert` in `render/slots.ts`).
     */
    allowVariantScripts: flag(),
    /** Experiments, goals, beacon: checked by the chunks that use them (`measurement-schema.ts`). */
    measurement: z.optional(z.unknown()),
    /**
     * The layout-shift guardrail: `cls`, the shift a variant's own swaps may cause in a page
     * view (default 0.1, web-vitals' "good" bound), and `days` it then stays off for the
     * visitor (default 30); `false` turns it off. Checked by `validGuardrail`: a zod union of
     * a literal and an object adds 0.4 KB to the shared chunk every page loads.
     */
    guardrail: z.optional(z.unknown()),
  });

let built: ReturnType<typeof buildConfigSchema> | undefined;
/**
 * The schema, built on first use rather than when the script is evaluated: zod's
 * constructors walk objects with `for…in`, so a page that polluted `Object.prototype`
 * makes building throw; inside `init()` that becomes `config_invalid` and an inert SDK
 * instead of a script that dies before it can settle anything.
 */
export const configSchema = (): ReturnType<typeof buildConfigSchema> => (built ??= buildConfigSchema());

export { CONFIG_DEFAULTS } from './defaults';
