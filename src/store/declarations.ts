import type { StoreNames } from 'idb';
import { PROFILE_LIMITS as L } from '../profile/empty';
import { BEACON_DB } from './beacon-db';
import type { Retention } from '../types/config';
import type { StorageDeclaration } from '../types/privacy';
import { DB_NAME, DB_VERSION, type EdgesegDB } from './schema';
import type { KvKey } from './store';

/** The database's declaration: every object store and every named record, for a site's retention. */
export interface DatabaseDeclaration {
  name: string;
  version: number;
  stores: Record<StoreNames<EdgesegDB>, StorageDeclaration>;
  records: Record<KvKey, StorageDeclaration>;
}

const WIPED =
  'erased at once when personalization is denied or withdrawn, and by forget() (the whole database is deleted)';

/**
 * What the `edgeseg` IndexedDB database holds, store by store and record by record, with the
 * bounds and retention of a site's config. Typed by the schema: a store or a named record
 * added to `EdgesegDB` or `KvKey` without a declaration here does not compile. The privacy
 * manifest (`edgeseg privacy manifest`) prints it; nothing in the browser reads it.
 */
export function databaseDeclaration(r: Retention): DatabaseDeclaration {
  const perVisit = `whole profile erased when the visitor has not been seen for ${r.profileDays} days (checked whenever a page opens the database); ${WIPED}`;
  return {
    name: DB_NAME,
    version: DB_VERSION,
    stores: {
      events: {
        holds:
          'raw events: page views (path, page type), clicks on elements the site marked, scroll depth, engaged time, commerce and custom events, with their time',
        category: 'behaviour',
        purpose: 'personalization',
        bound: `${r.maxEvents} events (the oldest go first)`,
        retention: `each event erased after ${r.maxAgeDays} days; ${perVisit}`,
      },
      inbox: {
        holds: 'events written while the page was being closed, before they are folded into the profile',
        category: 'behaviour',
        purpose: 'personalization',
        bound: 'the events of one page being left; emptied by the next page that writes',
        retention: `moved into "events" by the next write; ${perVisit}`,
      },
      aggregates: {
        holds:
          'the profile: counts and durations per page type, sessions, campaign sources, commerce totals, decayed category affinities, traits the site passed, coarse context (device class, language, time zone)',
        category: 'behaviour',
        purpose: 'personalization',
        bound: `one record: at most ${L.pageTypes} page types, ${L.categories} categories, ${L.traits} traits, ${L.tracks} event names, ${L.sources} traffic sources and ${L.days} days of purchases`,
        retention: perVisit,
      },
      kv: {
        holds: 'named records (see "records")',
        category: 'technical',
        purpose: 'personalization',
        bound: 'the records listed',
        retention: `per record; ${WIPED}`,
      },
    },
    records: {
      bundle: {
        holds: 'a cached copy of the segment model (the bundle) the site publishes: no information about the visitor',
        category: 'technical',
        purpose: 'personalization',
        bound: 'one bundle',
        retention: `erased when the server has not confirmed it for ${r.bundleDays} days, or under storage pressure; ${WIPED}`,
      },
      measure: {
        holds:
          'experiments the visitor is in (arm, first and last exposure, page views) and goals reached (the last conversions, totals per goal)',
        category: 'behaviour',
        purpose: 'personalization',
        bound: 'at most 32 experiments and 100 conversions',
        retention: `the oldest conversions go first beyond 100; ${perVisit}`,
      },
      caps: {
        holds: 'how often each variant was shown this session and today (frequency caps)',
        category: 'behaviour',
        purpose: 'personalization',
        bound: 'one count per variant for one session and one day',
        retention: `replaced each session and day; ${perVisit}`,
      },
    },
  };
}

/**
 * The beacon's queue database (`edgeseg-beacon`), written only under `measurement` consent
 * with a beacon configured: page-view reports waiting to be sent.
 */
export function beaconDatabaseDeclaration(maxQueue: number): { name: string; store: string } & StorageDeclaration {
  return {
    name: BEACON_DB,
    store: 'reports',
    holds:
      'anonymous page-view reports waiting to be sent to the site\'s collector (see "requests": beacon): no identifier',
    category: 'behaviour',
    purpose: 'measurement',
    bound: `${maxQueue} reports (the oldest go first)`,
    retention:
      'each erased once the collector confirms it; the whole database deleted when measurement is denied or withdrawn, and by forget()',
  };
}
