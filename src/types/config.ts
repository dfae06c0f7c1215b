/**
 * The configuration types, written by hand so the published `.d.ts` documents every
 * option and does not depend on the validator. The schemas in `src/config/` check the
 * same shapes at run time; `test/types/config.test-d.ts` fails the type check when
 * the two drift apart.
 */
import type { PublicJwk } from './bundle';
import type { Purpose } from './consent';
import type { Experiment, Goal, Holdout } from './experiment';
import type { GuardrailConfig } from './guardrail';

/**
 * `measurement`: experiments, goals and what may leave the device under the
 * `measurement` consent purpose. Checked by the chunks that use it
 * (`src/config/measurement-schema.ts`); see README "Measurement".
 */
export interface MeasurementConfig {
  /** Experiments besides (or instead of, same id) the bundle's. */
  experiments?: Experiment[] | undefined;
  /** The global holdout (replaces the bundle's). */
  holdout?: Holdout | undefined;
  /** Goals besides the bundle's. */
  goals?: Goal[] | undefined;
  /** Days after an exposure in which a goal counts as its conversion (0–90). Default 7. */
  attributionDays?: number | undefined;
  /** Push `edgeseg_exposure` / `edgeseg_conversion` to Google Tag Manager's `dataLayer` (names configurable). */
  dataLayer?:
    { name?: string | undefined; exposureEvent?: string | undefined; conversionEvent?: string | undefined } | undefined;
  /** The built-in beacon to a collector (`edgeseg collect` or your own ingestion), payload `edgeseg-events/1`. */
  beacon?:
    | {
        /** Where batches are POSTed. */
        url: string;
        /** Reports per request (1–100). Default 20. */
        batchSize?: number | undefined;
        /** Milliseconds between sends while the page is open (100–600000). Default 10000. */
        flushInterval?: number | undefined;
        /** Reports kept waiting (IndexedDB) at most, oldest dropped first (1–5000). Default 500. */
        maxQueue?: number | undefined;
        /** Randomized response on conversion bits with this ε (0–10]; values are then not sent. Off by default. */
        epsilon?: number | undefined;
        /** LCP, CLS and INP per page view in the reports. Default true. */
        vitals?: boolean | undefined;
      }
    | undefined;
}

/** A purpose mapping: which of a consent manager's categories each edgeseg purpose needs (all of them). */
export interface PurposeMapping<T> {
  personalization?: T[] | undefined;
  measurement?: T[] | undefined;
}

/**
 * `consent.sources`: the consent managers to read and their mappings (each may be `{}`
 * for the defaults). Mappings are "all of": a purpose is granted only when every listed
 * category is. Checked by the consent chunk, which loads only when a source is configured
 * or detected.
 */
export interface SourcesConfig {
  /** IAB TCF v2.2: purposes per edgeseg purpose (default 1, 5, 6 and 1, 8, 9), a vendor id, or the publisher's own purpose consents. */
  tcf?:
    | {
        personalization?: number[] | undefined;
        measurement?: number[] | undefined;
        vendorId?: number | undefined;
        publisher?: boolean | undefined;
      }
    | undefined;
  /** IAB GPP: read its EU TCF section (`tcf`) and its US sections (`us`); both default true. */
  gpp?: { tcf?: boolean | undefined; us?: boolean | undefined } | undefined;
  /** Google Consent Mode v2: types per purpose (default `personalization_storage`, `analytics_storage`). */
  consentMode?: PurposeMapping<string> | undefined;
  /** OneTrust: category ids per purpose (default C0003, C0002). */
  onetrust?: PurposeMapping<string> | undefined;
  /** Cookiebot: categories per purpose (default `preferences`, `statistics`). */
  cookiebot?: PurposeMapping<'preferences' | 'statistics' | 'marketing'> | undefined;
  /** Klaro: service names per purpose (default `edgeseg`). */
  klaro?: PurposeMapping<string> | undefined;
}

/**
 * `consent.features`: which purposes a feature needs on top of `personalization`, by
 * feature name or by a prefix of it at a dot (`trait`, `session.pages`, `trait.tier`).
 * A privacy officer can say, for example, that CRM traits are only used with
 * `measurement` consent as well: `{ "trait": ["measurement"] }`.
 */
export type FeaturePurposes = Record<string, Purpose[]>;

/** The `consent` section as a privacy officer writes it. */
export interface ConsentConfigInput {
  /** `opt-in`: pending until granted (default). `opt-out`: granted until denied. */
  mode?: 'opt-in' | 'opt-out' | undefined;
  /** Label of this configuration (e.g. the policy's version), written into every consent receipt. */
  version?: string | undefined;
  /** Look for consent managers on the page when `sources` leaves them out. Default true. */
  detect?: boolean | undefined;
  /** Global Privacy Control: `opt-out` (default) denies every purpose when the browser sends it. */
  gpc?: 'opt-out' | 'ignore' | undefined;
  /** While pending: `default` content (default), or `page-view`: segments from this page view alone, never stored. */
  pending?: 'default' | 'page-view' | undefined;
  /**
   * Whether the events recorded while consent was pending (up to `maxPendingEvents`, in
   * memory only) are saved when personalization is granted. Default false: the profile
   * starts at the grant, because a visitor agrees from the moment they choose, and a banner
   * rarely says "and what you did before". `true` keeps the page views that led to the choice.
   */
  keepPending?: boolean | undefined;
  /** Consent receipts kept on the device, newest last. Default 20; 0 keeps none. */
  receipts?: number | undefined;
  /** Consent managers to read, with their mappings ({@link SourcesConfig}, checked by the consent chunk). */
  sources?: Record<string, unknown> | undefined;
  /** Purposes a feature needs besides personalization ({@link FeaturePurposes}), e.g. `{ "trait": ["measurement"] }`. */
  features?: Record<string, unknown> | undefined;
}

/** The consent section with defaults applied (see `CONFIG_DEFAULTS`). */
export interface ConsentConfig {
  mode: 'opt-in' | 'opt-out';
  version?: string;
  detect: boolean;
  gpc: 'opt-out' | 'ignore';
  pending: 'default' | 'page-view';
  keepPending: boolean;
  receipts: number;
  sources: SourcesConfig;
  features?: FeaturePurposes;
}

/**
 * The `collect` section as written: which collectors run and how events are folded.
 * Every collector is on by default and only ever records with consent (pending: memory).
 */
export interface CollectConfigInput {
  /** Page view on load (`autoPage: false` turns it off too). */
  pageViews?: boolean | undefined;
  /** Page views on SPA navigation: History API and the Navigation API. */
  spa?: boolean | undefined;
  /** Clicks on `[data-edgeseg-track]` (`trackClicks: false` turns it off too). */
  clicks?: boolean | undefined;
  /** Scroll depth 25/50/75/100 per page. */
  scroll?: boolean | undefined;
  /** Engaged time: page visible and focused, input within `idleTimeout`. */
  engagement?: boolean | undefined;
  /** Referrer host, UTM parameters and traffic channel on page views. */
  campaign?: boolean | undefined;
  /** Device class, language, time zone on the first page view of a load. */
  context?: boolean | undefined;
  /** `add_to_cart`, `remove_from_cart`, `begin_checkout`, `purchase`, `refund` from `track()`. */
  commerce?: boolean | undefined;
  /** Traits from `identify()`. */
  identify?: boolean | undefined;
  /** Seconds without input after which engaged time stops counting. Default 30. */
  idleTimeout?: number | undefined;
  /** Days after which a category's affinity has halved. Default 30. */
  affinityHalfLife?: number | undefined;
  /** A page view with other UTM parameters starts a new session. Default true. */
  campaignSessions?: boolean | undefined;
  /**
   * URL path patterns → page type, first match wins, used when the page declares none:
   * `{ "/p/*": "product", "/blog/**": "article" }` (`*` one path segment, `**` any).
   * Entries are checked by the collect chunk.
   */
  pageTypes?: Record<string, unknown> | undefined;
}

/** The collect section with defaults applied. */
export interface CollectConfig {
  pageViews: boolean;
  spa: boolean;
  clicks: boolean;
  scroll: boolean;
  engagement: boolean;
  campaign: boolean;
  context: boolean;
  commerce: boolean;
  identify: boolean;
  idleTimeout: number;
  affinityHalfLife: number;
  campaignSessions: boolean;
  pageTypes: Record<string, unknown>;
}

/** How many raw events are kept and for how long; the profile outlives them. */
export interface Retention {
  /** Raw events kept at most; the oldest go first. 0 keeps none. */
  maxEvents: number;
  /** Days a raw event is kept. */
  maxAgeDays: number;
  /** Days without a visit after which the profile (and everything with it) is erased. */
  profileDays: number;
  /** Days a cached bundle is kept without being confirmed by the server. */
  bundleDays: number;
}

/** A variant's limit: exposures per session and per calendar day (local time). */
export interface Cap {
  session?: number;
  day?: number;
}

/** The configuration object (`init(config)`, `window.edgesegConfig`, `data-*`) as users write it. */
export interface EdgesegConfigInput {
  /** URL of the segment bundle (`edgeseg-bundle/1` JSON). Without one, nothing is personalized. */
  bundle?: string | undefined;
  /** Folder URL the script tag imports its chunks (`edgeseg.NAME.mjs`) from. Default: beside the script. */
  chunkBase?: string | undefined;
  /** Milliseconds before a bundle fetch is abandoned (100–60000). Default 3000. */
  bundleTimeout?: number | undefined;
  /** Minutes of inactivity after which a new session starts (1–1440). Default 30. */
  sessionTimeout?: number | undefined;
  /** Consent: mode, sources and their mappings, GPC, pending behaviour, receipts. */
  consent?: ConsentConfigInput | undefined;
  /** Collectors on or off, engaged-time idle cut-off, affinity half-life, page-type URL rules. */
  collect?: CollectConfigInput | undefined;
  /** `memory` never touches IndexedDB, even with consent. Default `indexeddb`. */
  storage?: 'indexeddb' | 'memory' | undefined;
  /** Milliseconds an IndexedDB step may take before the memory profile is used (50–30000). Default 1500. */
  storageTimeout?: number | undefined;
  /**
   * Raw events kept (a ring): at most `maxEvents` (default 500), none older than
   * `maxAgeDays` (default 30); the profile until `profileDays` without a visit (default
   * 395); a cached bundle `bundleDays` unconfirmed (default 30).
   */
  retention?:
    | {
        maxEvents?: number | undefined;
        maxAgeDays?: number | undefined;
        profileDays?: number | undefined;
        bundleDays?: number | undefined;
      }
    | undefined;
  /** Longest time a slot with variants stays hidden while its decision is pending (0–3000 ms). Default 300. */
  hideTimeout?: number | undefined;
  /** Record a page view on start (default). Turn off when a router calls `page()` itself. */
  autoPage?: boolean | undefined;
  /** Record clicks on `[data-edgeseg-track]` elements (default). */
  trackClicks?: boolean | undefined;
  /** Events held in memory while consent is pending, oldest dropped first. Default 500. */
  maxPendingEvents?: number | undefined;
  /** A console warning for every reported error. Default false. */
  debug?: boolean | undefined;
  /** Pinned EC P-256 public keys (JWK) that bundle signatures must verify against (checked by the engine chunk). */
  publicKeys?: PublicJwk[] | undefined;
  /** Refuse unsigned bundles. Default: true when `publicKeys` are pinned. */
  requireSignature?: boolean | undefined;
  /** Accept a bundle older than the last known good one. Default false. */
  allowRollback?: boolean | undefined;
  /** Seconds a cached bundle is used without revalidating it. Default 300. */
  bundleMaxAge?: number | undefined;
  /** Confidence margin (0–1) a new segment needs over the visitor's current one to replace it. Default 0.1. */
  switchMargin?: number | undefined;
  /** Honour `?edgeseg_preview=SEGMENT_ID` and `?edgeseg_debug=1` (default). Turn off to ignore both. */
  preview?: boolean | undefined;
  /** Per-variant exposure limits by segment id ({@link Cap}): `{ sale: { session: 3, day: 5 } }`; past a cap the slot shows its default. */
  frequencyCaps?: Record<string, unknown> | undefined;
  /** Show the visitor transparency widget ("why am I seeing this?", export, erase). Default false. */
  transparency?: boolean | undefined;
  /**
   * Keep `<script>` elements, `on*` handlers, `srcdoc` and `javascript:` URLs in variant
   * templates when they are shown (they then run on every application). Default false.
   */
  allowVariantScripts?: boolean | undefined;
  /** Experiments, goals and outbound measurement ({@link MeasurementConfig}, checked by the chunks that use it). */
  measurement?: MeasurementConfig | undefined;
  /** The layout-shift guardrail ({@link GuardrailConfig}): default `{ cls: 0.1, days: 30 }`; `false` turns it off. */
  guardrail?: Partial<GuardrailConfig> | false | undefined;
}

/** Configuration with every default applied. */
export interface EdgesegConfig {
  bundle?: string;
  chunkBase?: string;
  bundleTimeout: number;
  sessionTimeout: number;
  consent: ConsentConfig;
  collect: CollectConfig;
  storage: 'indexeddb' | 'memory';
  storageTimeout: number;
  retention: Retention;
  hideTimeout: number;
  autoPage: boolean;
  trackClicks: boolean;
  maxPendingEvents: number;
  debug: boolean;
  publicKeys?: PublicJwk[];
  requireSignature?: boolean;
  allowRollback?: boolean;
  bundleMaxAge: number;
  switchMargin: number;
  preview: boolean;
  frequencyCaps?: Record<string, Cap>;
  transparency: boolean;
  allowVariantScripts: boolean;
  measurement?: MeasurementConfig;
  guardrail: GuardrailConfig | false;
}
