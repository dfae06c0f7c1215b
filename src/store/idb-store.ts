import { unwrap, wrap, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { withTimeout } from '../lib/with-timeout';
import type { Timers } from '../lib/platform';
import { edgesegError } from '../lib/errors';
import type { EdgesegEvent } from '../types/event';
import type { Profile } from '../types/profile';
import { deleteDatabase } from './delete-database';
import { migrate } from './migrations';
import { DB_NAME, DB_VERSION, type EdgesegDB } from './schema';
import { asProfile } from './stored-event';
import type { Retention } from '../types/config';
import type { KvKey, StoredData, VisitorStore } from './store';
import { appendToInbox, expireAtOpen, trimRing, writeEvents } from './write-events';
import { exportRecords } from './export-records';

/** Options of {@link createIdbStore}. */
export interface IdbStoreOptions {
  factory: IDBFactory;
  /** Milliseconds the open, and then each step, may take. */
  timeout: number;
  retention: Retention;
  now(): number;
  /** The platform's timers for the timeouts; the global ones when absent. */
  timers?: Timers | undefined;
}

/** The IndexedDB store, with the compaction the resilient store runs when quota runs out. */
export interface IdbStore extends VisitorStore {
  /** Keeps a quarter of the raw-event ring and drops the bundle cache (it can be fetched again). */
  compact(): Promise<void>;
  /**
   * Appends to the inbox in a transaction created synchronously (the page is going away).
   * False when no open connection is at hand; the caller then writes the normal way.
   */
  appendNow(events: readonly EdgesegEvent[]): boolean;
}

type DB = IDBPDatabase<EdgesegDB>;

/**
 * DOMException names that mean the connection (not the data) failed: the browser closed
 * it (storage cleared, disk error), or it was closed under us. The step is retried once
 * on a fresh connection.
 */
const LOST = new Set(['InvalidStateError', 'TransactionInactiveError', 'UnknownError', 'AbortError']);

/** True for an error that a fresh connection may cure. */
export function isConnectionLost(error: unknown): boolean {
  return error instanceof DOMException && LOST.has(error.name);
}

/** True for a full disk or origin quota. */
export function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

/**
 * The IndexedDB store. Every step races a timeout; a connection that was closed by the
 * browser or by another tab's upgrade/delete is dropped and reopened, never reused; the
 * database is deleted (not just emptied) on `clear()` so nothing of ours remains.
 */
export function createIdbStore(options: IdbStoreOptions): IdbStore {
  const { factory, timeout, retention, timers } = options;
  let db: Promise<DB> | null = null;
  /** The open connection, for the synchronous append on `pagehide`; null while none is known good. */
  let live: IDBDatabase | null = null;
  /** Set by `clear()`/`close()`: a step still in flight must not reopen (and so recreate) the database. */
  let ended = false;

  const drop = (connection: Promise<DB>): void => {
    live = null;
    if (db === connection) db = null;
    connection.then(
      (d) => d.close(),
      () => undefined,
    );
  };

  const open = (): Promise<DB> => {
    if (ended) return Promise.reject(edgesegError('storage_failed', 'edgeseg: the store was closed'));
    if (db) return db;
    // Through the injected factory (not idb's openDB, which uses the global) so tests and
    // hosts can supply their own.
    const request = factory.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = (event) => {
      const tx = request.transaction as IDBTransaction;
      migrate(
        wrap(request.result) as IDBPDatabase<unknown>,
        event.oldVersion,
        wrap(tx) as unknown as IDBPTransaction<unknown, string[], 'versionchange'>,
      ).catch(() => {
        try {
          tx.abort();
        } catch {
          // Already finished: the open request reports the failure.
        }
      });
    };
    // `blocked`: another tab holds an older connection and has not yet closed it; ours
    // waits (our own tabs close on `versionchange`) until the timeout below.
    const opening = (wrap(request) as unknown as Promise<DB>).then((database) => {
      // Another tab wants to upgrade or delete: step aside instead of blocking it, and
      // reopen on the next step.
      const forget = (): void => {
        if (db === current) db = null;
        if (live === unwrap(database)) live = null;
      };
      database.addEventListener('versionchange', () => {
        database.close();
        forget();
      });
      // The browser closed the connection (storage cleared, disk error): reopen next time.
      database.addEventListener('close', forget);
      live = unwrap(database);
      return database;
    });
    const current = withTimeout(
      opening,
      timeout,
      () => edgesegError('storage_unavailable', 'edgeseg: opening IndexedDB timed out'),
      timers,
    );
    // An open that settles after its timeout must not hold a connection nobody uses.
    current.catch(() => drop(opening));
    db = current;
    // Retention also applies to data written before this page (or by an older version).
    return current.then(
      (d) =>
        new Promise<DB>((resolve) => {
          const tx = unwrap(d).transaction(['events', 'aggregates', 'inbox', 'kv'], 'readwrite', {
            durability: 'relaxed',
          });
          expireAtOpen(tx, retention, options.now());
          trimRing(tx, retention, options.now());
          tx.oncomplete = tx.onabort = () => resolve(d);
        }),
    );
  };

  // The open has its own timeout; each step then gets one of its own, so a slow open is
  // reported as unavailable storage and a slow transaction as a failed step.
  const step = async <T>(name: string, run: (d: DB) => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      // A factory that throws (sandboxed frames, private modes) rejects like every other failure.
      const connection = Promise.resolve().then(open);
      try {
        const d = await connection;
        return await withTimeout(
          run(d),
          timeout,
          () => edgesegError('storage_failed', `edgeseg: IndexedDB ${name} timed out`),
          timers,
        );
      } catch (error) {
        if (attempt > 0 || !isConnectionLost(error)) throw error;
        drop(db ?? connection);
      }
    }
  };

  const readProfile = async (d: DB): Promise<Profile | null> =>
    asProfile<Profile>(await d.get('aggregates', 'profile'));

  return {
    kind: 'indexeddb',
    loadProfile: () => step('read', readProfile),
    getKv: <T>(key: KvKey) => step('read', async (d) => (await d.get('kv', key)) as T | undefined),
    putKv: (key, value) => step('write', async (d) => void (await d.put('kv', value, key))),
    write: (events, fold) => step('write', (d) => writeEvents(unwrap(d), events, fold, retention, options.now())),
    appendNow(events) {
      if (!live) return false;
      try {
        appendToInbox(live, events);
        return true;
      } catch {
        live = null;
        return false;
      }
    },
    exportAll: () =>
      step('read', async (d): Promise<StoredData> => {
        const tx = d.transaction(['events', 'aggregates', 'kv', 'inbox'], 'readonly');
        const kv = tx.objectStore('kv');
        const [profile, events, parked, keys, values] = await Promise.all([
          tx.objectStore('aggregates').get('profile'),
          tx.objectStore('events').getAll(),
          tx.objectStore('inbox').getAll(),
          kv.getAllKeys(),
          kv.getAll(),
        ]);
        const records = exportRecords(keys.map((key, i): [string, unknown] => [key, values[i]]));
        // Inbox events are stored too (not yet folded): everything goes into an export.
        return { profile: asProfile<Profile>(profile), events: events.concat(parked), records };
      }),
    compact: () =>
      step('compaction', (d) => {
        const tx = unwrap(d).transaction(['events', 'kv'], 'readwrite');
        trimRing(tx, retention, options.now(), Math.floor(retention.maxEvents / 4));
        tx.objectStore('kv').delete('bundle');
        return new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onabort = () => reject(tx.error);
        });
      }),
    async clear() {
      ended = true;
      const current = db;
      db = null;
      live = null;
      if (current)
        await current.then(
          (d) => d.close(),
          () => undefined,
        );
      await deleteDatabase(factory, timeout, timers);
    },
    close() {
      ended = true;
      const current = db;
      db = null;
      live = null;
      void current?.then(
        (d) => d.close(),
        () => undefined,
      );
    },
  };
}
