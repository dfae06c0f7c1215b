import { BUNDLE_REQUEST } from '../../src/bundle/load-bundle';
import { WEIGHTS_REQUEST } from '../../src/bundle/prepare-net';
import { CHUNK_REQUESTS, SHARED_CHUNK_REQUEST, type ChunkName } from '../../src/chunks/loader-contract';
import { AUTO_EVENT_FIELDS } from '../../src/collect/event-fields';
import { EVENT_LIMITS } from '../../src/collect/normalize-event';
import { parseConfig } from '../../src/config/parse-config';
import { CONSENT_KEY, consentRecordDeclaration } from '../../src/consent/consent-record';
import { DEFAULT_MAPPINGS } from '../../src/consent/sources/default-mappings';
import { LAST_KEY, LAST_KEY_DECLARATION } from '../../src/decide/last-assignment';
import { OFF_KEY, offKeyDeclaration } from '../../src/decide/switched-off';
import { FEATURE_FAMILIES } from '../../src/features/families';
import { beaconDatabaseDeclaration, databaseDeclaration } from '../../src/store/declarations';
import { BEACON_REQUEST } from '../../src/measure/beacon';
import { VISITOR_KEY, VISITOR_KEY_DECLARATION } from '../../src/client/visitor-key';
import type { EdgesegConfig } from '../../src/types/config';
import type { Purpose } from '../../src/types/consent';
import type {
  EventFieldDeclaration,
  FeatureDeclaration,
  RequestDeclaration,
  StorageDeclaration,
} from '../../src/types/privacy';
import { cliVersion } from '../version';
import { PURPOSE_TEXT } from './purposes';

/** The version of the manifest's shape; a tool reading it checks this first. */
export const MANIFEST_FORMAT = 'edgeseg-manifest/1';

/** A stored item: where it is, and its declaration. */
export type StorageItem = StorageDeclaration & {
  where: 'indexedDB' | 'localStorage';
  /** `edgeseg` / `edgeseg:consent`; for IndexedDB also the object store and, in `kv`, the record. */
  name: string;
  store?: string;
  record?: string;
};

/** `edgeseg-manifest/1`: what edgeseg stores, computes, records and requests on a site, and under which consent. */
export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  generator: string;
  /** The config the manifest was made for (`defaults` when none was given). */
  config: string;
  purposes: Record<Purpose, { enables: string; without: string }>;
  consent: {
    mode: EdgesegConfig['consent']['mode'];
    beforeAChoice: string;
    keepPending: boolean;
    gpc: string;
    detect: boolean;
    sources: { name: string; configured: boolean; mapping: string }[];
  };
  storage: StorageItem[];
  /** Never written by edgeseg: listed so that a scan finding one knows it is not ours. */
  cookies: [];
  features: (FeatureDeclaration & { purposes: Purpose[] })[];
  events: {
    automatic: Record<string, Record<string, EventFieldDeclaration>>;
    custom: string;
  };
  requests: (RequestDeclaration & { id: string; url: string })[];
  retention: EdgesegConfig['retention'] & {
    /** Days a variant the layout-shift guardrail switched off stays off (`null`: the guardrail is off). */
    guardrailDays: number | null;
    howApplied: string;
  };
}

/** Reads a site config (as `init()` takes it) into the SDK's own resolved config; throws with the SDK's message. */
export function resolveConfig(input: unknown): EdgesegConfig {
  const parsed = parseConfig(input);
  if (!parsed.ok) throw new Error(parsed.error.message.replace(/^edgeseg: /, ''));
  return parsed.config;
}

/** Which purposes a feature family needs under `consent.features` (a name or a prefix of it at a dot). */
function purposesOf(family: string, config: EdgesegConfig): Purpose[] {
  const extra = new Set<Purpose>(['personalization']);
  const name = family.replace(/\.<x>$/, '');
  for (const [key, purposes] of Object.entries(config.consent.features ?? {}))
    if (name === key || name.startsWith(`${key}.`) || key.startsWith(`${name}.`))
      for (const p of purposes) extra.add(p);
  return [...extra];
}

const SOURCE_NAMES = ['tcf', 'gpp', 'consentMode', 'onetrust', 'cookiebot', 'klaro'] as const;

function sourceMapping(name: (typeof SOURCE_NAMES)[number], config: EdgesegConfig): string {
  const own = config.consent.sources[name] as Partial<Record<Purpose, unknown[]>> | undefined;
  if (name === 'gpp')
    return 'TCF sections (EU, Canada) through the tcf mapping; US sections: an opt-out of sale, sharing or targeted advertising denies every purpose';
  const defaults = DEFAULT_MAPPINGS[name];
  const list = (p: Purpose) => (own?.[p] ?? defaults[p]).join(', ');
  const unit = name === 'tcf' ? 'TCF purposes ' : '';
  return `personalization: ${unit}${list('personalization')}; measurement: ${unit}${list('measurement')}`;
}

/**
 * Builds the manifest for a resolved config from the declarations beside the code (store
 * schema, localStorage keys, chunk map, bundle and weights requests, feature catalogue,
 * collectors, consent adapters). Nothing in it is written by hand here but the wording of
 * the purposes (`purposes.ts`).
 */
export function buildManifest(config: EdgesegConfig, source = 'defaults'): Manifest {
  const r = config.retention;
  const db = databaseDeclaration(r);
  const storage: StorageItem[] = [];
  if (config.storage === 'indexeddb') {
    for (const [store, d] of Object.entries(db.stores))
      if (store !== 'kv') storage.push({ where: 'indexedDB', name: db.name, store, ...d });
    for (const [record, d] of Object.entries(db.records))
      storage.push({ where: 'indexedDB', name: db.name, store: 'kv', record, ...d });
  }
  storage.push({ where: 'localStorage', name: LAST_KEY, ...LAST_KEY_DECLARATION });
  storage.push({ where: 'localStorage', name: VISITOR_KEY, ...VISITOR_KEY_DECLARATION });
  if (config.guardrail)
    storage.push({ where: 'localStorage', name: OFF_KEY, ...offKeyDeclaration(config.guardrail.days) });
  const beacon = config.measurement?.beacon;
  if (beacon) {
    const { name, store, ...d } = beaconDatabaseDeclaration(beacon.maxQueue ?? 500);
    storage.push({ where: 'indexedDB', name, store, ...d });
  }
  storage.push({ where: 'localStorage', name: CONSENT_KEY, ...consentRecordDeclaration(config.consent.receipts) });

  const beside = config.chunkBase ?? '(beside the edgeseg script)';
  const requests: Manifest['requests'] = [];
  if (config.bundle) requests.push({ id: 'bundle', url: config.bundle, ...BUNDLE_REQUEST });
  requests.push({ id: 'weights', url: "the bundle's weightsUrl", ...WEIGHTS_REQUEST });
  if (beacon) requests.push({ id: 'beacon', url: beacon.url, ...BEACON_REQUEST });
  for (const [name, d] of Object.entries(CHUNK_REQUESTS) as [ChunkName, RequestDeclaration][]) {
    if (name === 'why' && !config.transparency) continue;
    if (name === 'overlay' && !config.preview) continue;
    if (name === 'store' && config.storage !== 'indexeddb') continue;
    requests.push({ id: `chunk:${name}`, url: `${beside.replace(/\/?$/, '/')}edgeseg.${name}.mjs`, ...d });
  }
  requests.push({
    id: 'chunk:shared',
    url: `${beside.replace(/\/?$/, '/')}edgeseg.shared.mjs`,
    ...SHARED_CHUNK_REQUEST,
  });

  const c = config.consent;
  return {
    format: MANIFEST_FORMAT,
    generator: `edgeseg ${cliVersion()}`,
    config: source,
    purposes: PURPOSE_TEXT,
    consent: {
      mode: c.mode,
      beforeAChoice:
        c.mode === 'opt-out'
          ? 'opt-out: personalization counts as granted until the visitor or a consent manager denies it'
          : `opt-in: pending until granted; events are kept in memory only (at most ${config.maxPendingEvents}), nothing is stored`,
      keepPending: c.keepPending,
      gpc: c.gpc === 'opt-out' ? 'a Global Privacy Control signal denies every purpose' : 'ignored',
      detect: c.detect,
      sources: SOURCE_NAMES.map((name) => ({
        name,
        configured: Object.hasOwn(c.sources, name),
        mapping: sourceMapping(name, config),
      })),
    },
    storage,
    cookies: [],
    features: FEATURE_FAMILIES.map((f) => ({ ...f, purposes: purposesOf(f.name, config) })),
    events: {
      automatic: AUTO_EVENT_FIELDS,
      custom: `what the site passes to track(), page() and identify(): flat properties only, at most ${EVENT_LIMITS.props} per event, strings cut to ${EVENT_LIMITS.string} characters, names to ${EVENT_LIMITS.name}`,
    },
    requests,
    retention: {
      ...r,
      guardrailDays: config.guardrail ? config.guardrail.days : null,
      howApplied:
        'whenever a page of the site opens the database (a browser only lets code on the site erase its data); an expired profile or bundle is erased before anything reads it',
    },
  };
}
