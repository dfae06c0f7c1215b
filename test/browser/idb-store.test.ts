import { afterEach, describe, expect, it } from 'vitest';
import { createIdbStore } from '../../src/store/idb-store';
import { openResilientStore } from '../../src/store/resilient-store';
import { DB_NAME, DB_VERSION } from '../../src/store/schema';
import { MAX_EVENT_BYTES } from '../../src/store/stored-event';
import { reduceProfile } from '../../src/profile/reduce';
import type { Retention } from '../../src/types/config';
import type { FoldProfile, StoreOptions } from '../../src/store/store';
import type { EdgesegError } from '../../src/lib/errors';
import type { EdgesegEvent } from '../../src/types/event';
import { eventId } from '../../src/lib/event-id';
import type { Timers } from '../../src/lib/platform';
import { manualTimers } from '../helpers/manual-timers';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);
const fold: FoldProfile = (stored, events) => reduceProfile(stored, events, { sessionTimeout: 30 * 60_000 });
const event = (t: number, props: Record<string, unknown> = { pageType: 'a' }): EdgesegEvent => ({
  id: eventId(t),
  kind: 'page',
  name: 'page_view',
  t,
  props: props as EdgesegEvent['props'],
});
const batch = (n: number, t0 = NOW - 60_000) => Array.from({ length: n }, (_, i) => event(t0 + i));
const names = async () => (await indexedDB.databases()).map((d) => d.name);
const retention: Retention = { maxEvents: 500, maxAgeDays: 30, profileDays: 395, bundleDays: 30 };
const idb = (factory: IDBFactory = indexedDB, timeout = 2000, r = retention, timers?: Timers) =>
  createIdbStore({ factory, timeout, retention: r, now: () => NOW, timers });

/** The resilient store with every report collected. */
function resilient(factory: IDBFactory | null, extra: Partial<StoreOptions> = {}) {
  const errors: EdgesegError[] = [];
  const store = openResilientStore({
    indexedDB: factory,
    persistent: true,
    timeout: 500,
    retention,
    now: () => NOW,
    report: (e) => errors.push(e),
    ...extra,
  });
  return { store, errors };
}

/**
 * Fault injection: a factory whose connections run `hook` on every `transaction()` call
 * (to throw, count or close), and which records every connection it opened.
 */
function faultyFactory(hook: (db: IDBDatabase, stores: string | string[]) => void) {
  const connections: IDBDatabase[] = [];
  const factory = {
    open(name: string, version?: number) {
      const request = indexedDB.open(name, version);
      request.addEventListener('success', () => {
        const db = request.result;
        connections.push(db);
        const original = db.transaction.bind(db);
        db.transaction = ((stores: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) => {
          hook(db, stores);
          return original(stores, mode, options);
        }) as IDBDatabase['transaction'];
      });
      return request;
    },
    deleteDatabase: (name: string) => indexedDB.deleteDatabase(name),
    databases: () => indexedDB.databases(),
    cmp: indexedDB.cmp.bind(indexedDB),
  } as IDBFactory;
  return { factory, connections };
}

afterEach(async () => {
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = resolve;
  });
});

describe('IndexedDB store (real Chromium)', () => {
  it('writes events and folds them into the profile in ONE transaction per flush, read back in a new connection', async () => {
    let writes = 0;
    const { factory } = faultyFactory((_db, stores) => {
      if (Array.isArray(stores) && stores.includes('aggregates') && stores.includes('events')) writes++;
    });
    const store = idb(factory);
    await store.loadProfile(); // the open (and its retention transaction) is done
    writes = 0;
    const events = batch(300);
    const profile = await store.write(events, fold);
    expect(writes).toBe(1);
    expect(profile?.pages).toBe(300);
    store.close();
    const again = idb();
    expect((await again.loadProfile())?.pages).toBe(300);
    expect((await again.exportAll()).events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    again.close();
  });

  it('deduplicates by id: a batch written twice (a retry after a timeout) counts once', async () => {
    const store = idb();
    const events = batch(10);
    await store.write(events, fold);
    const again = await store.write([...events, ...events.slice(0, 3)], fold);
    expect(again?.pages).toBe(10);
    expect((await store.exportAll()).events).toHaveLength(10);
    store.close();
  });

  it('keeps raw events in a ring bounded by count and by age; the profile keeps counting', async () => {
    const store = idb(indexedDB, 2000, { ...retention, maxEvents: 50, maxAgeDays: 7 });
    const old = batch(20, NOW - 10 * DAY);
    const recent = batch(200);
    await store.write(old, fold);
    const profile = await store.write(recent, fold);
    const { events } = await store.exportAll();
    expect(events).toHaveLength(50);
    expect(events.map((e) => e.id)).toEqual(recent.slice(-50).map((e) => e.id));
    expect(profile?.pages).toBe(220);
    // Age alone: 3 days later with a 1-day limit, everything goes, the profile stays.
    store.close();
    const later = createIdbStore({
      factory: indexedDB,
      timeout: 2000,
      retention: { ...retention, maxEvents: 50, maxAgeDays: 1 },
      now: () => NOW + 3 * DAY,
    });
    expect((await later.exportAll()).events).toHaveLength(0);
    expect((await later.loadProfile())?.pages).toBe(220);
    later.close();
  });

  it('retention at open: a profile unseen for profileDays goes with its events, inbox and caps; a stale bundle cache goes', async () => {
    const store = idb();
    await store.write(batch(3), fold);
    await store.putKv('caps', { day: 'x', session: 0, d: {}, s: {} });
    await store.putKv('bundle', { text: '{}', etag: undefined, fetchedAt: NOW, version: 1 });
    store.close();
    // 100 days later: the profile is within 395 days, the bundle past 30.
    const soon = createIdbStore({ factory: indexedDB, timeout: 2000, retention, now: () => NOW + 100 * DAY });
    expect((await soon.loadProfile())?.events).toBe(3);
    expect(await soon.getKv('caps')).toBeDefined();
    expect(await soon.getKv('bundle')).toBeUndefined();
    soon.close();
    // 400 days after the last visit: nothing about the visitor is left.
    const late = createIdbStore({ factory: indexedDB, timeout: 2000, retention, now: () => NOW + 400 * DAY });
    expect(await late.loadProfile()).toBeNull();
    expect((await late.exportAll()).events).toEqual([]);
    expect(await late.getKv('caps')).toBeUndefined();
    late.close();
  });

  it('a clock going backwards, __proto__/constructor keys and oversized props corrupt nothing', async () => {
    const store = idb();
    const hostile = [
      event(NOW, { pageType: 'a' }),
      event(NOW - 5 * DAY, { pageType: 'b' }), // clock went back 5 days
      { ...event(NOW + 1), props: JSON.parse('{"__proto__":{"polluted":1},"constructor":"x","ok":1}') },
      event(NOW + 2, { big: 'x'.repeat(250), a: 'y'.repeat(250), b: 'z'.repeat(250) }),
      { ...event(NOW + 3), t: Number.NaN },
    ] as EdgesegEvent[];
    const profile = await store.write(hostile, fold);
    const { events } = await store.exportAll();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(events).toHaveLength(4); // NaN time refused
    const cleaned = events.find((e) => e.props['ok'] === 1);
    expect(Object.keys(cleaned?.props ?? {})).toEqual(['ok']);
    expect(Object.getPrototypeOf(cleaned?.props)).toBe(Object.prototype);
    for (const e of events) expect(JSON.stringify(e).length).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    expect(events.find((e) => e.t === NOW + 2)?.props).toEqual({});
    expect(profile?.lastSeen).toBe(NOW + 2); // the NaN-time event was refused, not folded
    expect(profile?.firstSeen).toBeLessThanOrEqual(NOW);
    store.close();
  });

  it('leaving the page: a blind append to the inbox, exported at once, folded once by the next write of any connection', async () => {
    const store = idb();
    await store.write(batch(3), fold);
    const parked = batch(4, NOW);
    expect(store.appendNow(parked)).toBe(true);
    expect(store.appendNow(parked)).toBe(true); // twice: still counted once
    const other = idb();
    expect((await other.exportAll()).events).toHaveLength(7);
    expect((await other.write(batch(1, NOW + 10), fold))?.pages).toBe(8);
    expect((await store.write(parked, fold))?.pages).toBe(8);
    expect((await other.exportAll()).events).toHaveLength(8);
    store.close();
    other.close();
  });

  it('clear() deletes the database even while another connection is open', async () => {
    const other = idb();
    await other.write(batch(1), fold);
    const store = idb();
    await store.loadProfile();
    await store.clear();
    expect(await names()).not.toContain(DB_NAME);
    // The other connection stepped aside (versionchange) and reopens on its next step.
    expect(await other.loadProfile()).toBeNull();
    await other.clear();
  });
});

describe('schema migration', () => {
  it('upgrades real data written by the v1 store: profile moved to aggregates, records kept, ring applied', async () => {
    const { createIdbStore: createV1, DB_VERSION: V1 } = await import('../fixtures/store-v1/idb-store-v1');
    expect(V1).toBe(1);
    const v1 = createV1(indexedDB, 2000);
    const events = batch(80);
    const profile = reduceProfile(null, events, { sessionTimeout: 30 * 60_000 })!;
    await v1.write(events, profile);
    await v1.putKv('caps', { day: 1, counts: { sale: 2 } });
    await v1.putKv('bundle', { etag: '"v3"', version: 3 });
    v1.close();

    const v2 = idb(indexedDB, 2000, { ...retention, maxEvents: 50, maxAgeDays: 30 });
    expect(await v2.loadProfile()).toEqual(profile);
    const data = await v2.exportAll();
    expect(data.records).toEqual({ caps: { day: 1, counts: { sale: 2 } }, bundle: { version: 3 } }); // the model by version, not copied
    expect(data.events.map((e) => e.id)).toEqual(events.slice(-50).map((e) => e.id));
    // Writing after the upgrade folds into the migrated profile.
    expect((await v2.write(batch(5, NOW), fold))?.pages).toBe(85);
    v2.close();
    const raw = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(DB_NAME);
      req.onsuccess = () => resolve(req.result);
    });
    expect(raw.version).toBe(DB_VERSION);
    const storeNames = [...raw.objectStoreNames].sort();
    const tx = raw.transaction('kv');
    const left = await new Promise(
      (resolve) => (tx.objectStore('kv').get('profile').onsuccess = (e) => resolve((e.target as IDBRequest).result)),
    );
    expect(left).toBeUndefined();
    raw.close();
    expect(storeNames).toEqual(['aggregates', 'events', 'inbox', 'kv']);
  });

  it('a v1 connection left open in another tab blocks the upgrade until it closes; then the open proceeds', async () => {
    const { createIdbStore: createV1 } = await import('../fixtures/store-v1/idb-store-v1');
    await createV1(indexedDB, 2000).write(batch(3), reduceProfile(null, batch(3), { sessionTimeout: 1 })!);
    // A raw v1 connection that ignores versionchange (an old tab busy elsewhere).
    const stubborn = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onsuccess = () => resolve(req.result);
    });
    const asked = new Promise((resolve) => (stubborn.onversionchange = resolve));
    // Timers that never fire by themselves: only the old connection closing can end the wait.
    const clock = manualTimers();
    const store = idb(indexedDB, 3000, retention, clock.timers);
    let settled = false;
    const loading = store.loadProfile().finally(() => (settled = true));
    // Our upgrade reached the old tab, which keeps its connection: the open waits.
    await asked;
    expect(settled).toBe(false);
    stubborn.close();
    expect((await loading)?.pages).toBe(3);
    expect(clock.pending()).toEqual([]);
    store.close();
  });
});

describe('failures and fallbacks (fault injection in real Chromium)', () => {
  it('an open that never settles times out: storage_unavailable, and the page goes on in memory', async () => {
    // A connection that ignores versionchange blocks a delete, and every open queues
    // behind that delete: the open request never settles.
    const stubborn = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onsuccess = () => resolve(req.result);
    });
    indexedDB.deleteDatabase(DB_NAME);
    try {
      const clock = manualTimers();
      const { store, errors } = resilient(indexedDB, { timeout: 150, timers: clock.timers });
      const loading = store.loadProfile();
      await clock.waiting();
      expect(clock.pending()).toEqual([150]);
      // The open's timeout, and nothing else, ends the wait.
      clock.fire();
      expect(await loading).toBeNull();
      expect(errors.map((e) => e.code)).toEqual(['storage_unavailable']);
      expect(store.kind).toBe('memory');
      expect((await store.write(batch(4), fold))?.pages).toBe(4);
    } finally {
      stubborn.close();
    }
  });

  it('a factory that throws (sandboxed frame, private mode) is storage_unavailable, never a throw', async () => {
    const throwing = {
      open: () => {
        throw new DOMException('no', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const { store, errors } = resilient(throwing);
    expect(await store.loadProfile()).toBeNull();
    expect(errors[0]?.code).toBe('storage_unavailable');
    expect((await store.write(batch(2), fold))?.pages).toBe(2);
    const missing = resilient(null);
    expect(missing.errors[0]?.code).toBe('storage_unavailable');
  });

  it('InvalidStateError from a dead connection: the step reopens a new connection instead of reusing it', async () => {
    let fail = false;
    const { factory, connections } = faultyFactory(() => {
      if (fail) {
        fail = false;
        throw new DOMException('The database connection is closing.', 'InvalidStateError');
      }
    });
    const { store, errors } = resilient(factory);
    await store.write(batch(3), fold);
    fail = true;
    expect((await store.write(batch(2, NOW), fold))?.pages).toBe(5);
    expect(connections).toHaveLength(2);
    expect(errors).toEqual([]);
    expect(store.kind).toBe('indexeddb');
  });

  it('connection closed under the store mid-session (storage cleared, disk error): reopened, nothing lost', async () => {
    const { factory, connections } = faultyFactory(() => {});
    const { store, errors } = resilient(factory);
    await store.write(batch(3), fold);
    connections[0]?.close();
    expect((await store.write(batch(2, NOW), fold))?.pages).toBe(5);
    expect(connections.length).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
    expect((await store.exportAll()).events).toHaveLength(5);
  });

  it('a write still in flight when the store is cleared (revoke) never recreates the database', async () => {
    const opens: string[] = [];
    let cleared = false;
    const factory = {
      open: (name: string, version?: number) => {
        opens.push(cleared ? 'after clear' : 'before clear');
        return indexedDB.open(name, version);
      },
      deleteDatabase: (name: string) => indexedDB.deleteDatabase(name),
    } as IDBFactory;
    const { store, errors } = resilient(factory);
    await store.write(batch(3), fold);
    const late = [store.write(batch(2, NOW), fold), store.putKv('caps', { n: 1 })];
    cleared = true;
    await store.clear();
    await Promise.all(late);
    // Every step has settled: none of them opened (and so recreated) the database again.
    expect(opens).toEqual(['before clear']);
    expect(await names()).not.toContain(DB_NAME);
    expect(errors).toEqual([]);
  });

  it('versionchange from another tab deleting the database: close, reopen, keep writing', async () => {
    const { store, errors } = resilient(indexedDB);
    await store.write(batch(3), fold);
    const other = idb();
    await other.clear(); // another tab's forget(): our connection must not block it
    expect(await names()).not.toContain(DB_NAME);
    expect((await store.write(batch(2, NOW), fold))?.pages).toBe(2);
    expect(errors).toEqual([]);
  });

  it('QuotaExceededError once: compacts (older events, bundle cache) and retries in IndexedDB', async () => {
    let quota = 0;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'events' && quota > 0) {
        quota--;
        throw new DOMException('Quota exceeded', 'QuotaExceededError');
      }
      return put.apply(this, args);
    };
    try {
      const { store, errors } = resilient(indexedDB);
      await store.write(batch(400), fold);
      await store.putKv('bundle', { big: 'x'.repeat(10_000) });
      quota = 1;
      expect((await store.write(batch(2, NOW), fold))?.pages).toBe(402);
      expect(errors).toEqual([]);
      const data = await store.exportAll();
      expect(data.records.bundle).toBeUndefined();
      expect(data.events.length).toBeLessThanOrEqual(retention.maxEvents / 4 + 2);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
  });

  it('QuotaExceededError after compaction: storage_degraded, then memory carries the profile on', async () => {
    let quota = false;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (quota) throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      const { store, errors } = resilient(indexedDB);
      await store.write(batch(10), fold);
      await store.putKv('caps', { n: 1 });
      quota = true;
      expect((await store.write(batch(2, NOW), fold))?.pages).toBe(12);
      expect(errors.map((e) => e.code)).toEqual(['storage_degraded']);
      expect(store.kind).toBe('memory');
      expect(await store.getKv('caps')).toEqual({ n: 1 });
      expect((await store.write(batch(1, NOW + 10), fold))?.pages).toBe(13);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
  });

  it('a transaction that never gets to run times out and degrades instead of hanging the page', async () => {
    let hog: (() => void) | null = null;
    const { factory } = faultyFactory((db) => {
      if (hog !== null || !block) return;
      // Another transaction on the same stores that keeps itself alive: ours queues behind it.
      let running = true;
      hog = () => (running = false);
      const tx = db.transaction(['events', 'aggregates'], 'readwrite');
      const spin = (): void => {
        if (running) tx.objectStore('aggregates').get('profile').onsuccess = spin;
      };
      spin();
    });
    let block = false;
    const clock = manualTimers();
    const { store, errors } = resilient(factory, { timeout: 150, timers: clock.timers });
    await store.write(batch(1), fold);
    expect(clock.pending()).toEqual([]);
    block = true;
    const writing = store.write(batch(1, NOW), fold);
    await clock.waiting();
    expect(clock.pending()).toEqual([150]);
    // The step's timeout, and nothing else, ends the wait.
    clock.fire();
    expect((await writing)?.pages).toBe(2);
    expect(errors.map((e) => e.code)).toEqual(['storage_degraded']);
    (hog as (() => void) | null)?.();
  });
});
