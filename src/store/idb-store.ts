import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import { withTimeout } from '../lib/with-timeout';
import { edgesegError } from '../lib/errors';
import type { EdgesegEvent } from '../types/event';
import type { Profile } from '../types/profile';
import type { KvKey, StoredData, VisitorStore } from './store';

/** The IndexedDB database edgeseg owns; nothing else is written to it. */
export const DB_NAME = 'edgeseg';
export const DB_VERSION = 1;

/** The typed schema of {@link DB_NAME}. */
export interface EdgesegDB extends DBSchema {
  events: { key: string; value: EdgesegEvent; indexes: { t: number } };
  kv: { key: 'profile' | KvKey; value: unknown };
}

/** Creates or upgrades the schema from `oldVersion` to {@link DB_VERSION}. */
function migrate(database: IDBPDatabase<EdgesegDB>, oldVersion: number): void {
  if (oldVersion < 1) {
    const events = database.createObjectStore('events', { keyPath: 'id' });
    events.createIndex('t', 't');
    database.createObjectStore('kv');
  }
}

/**
 * The IndexedDB store. Every step races a timeout, a connection closed by the browser
 * or another tab is reopened rather than reused, and the database is deleted (not just
 * emptied) on `clear()` so nothing of ours remains.
 */
export function createIdbStore(factory: IDBFactory, timeoutMs: number): VisitorStore {
  let db: Promise<IDBPDatabase<EdgesegDB>> | null = null;

  const open = (): Promise<IDBPDatabase<EdgesegDB>> => {
    if (db) return db;
    // Opened through the injected factory (not idb's openDB, which uses the global) so
    // tests and hosts can supply their own.
    const request = factory.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = (event) => {
      migrate(wrap(request.result) as unknown as IDBPDatabase<EdgesegDB>, event.oldVersion);
    };
    const opening = (wrap(request) as unknown as Promise<IDBPDatabase<EdgesegDB>>).then((database) => {
      // Another tab wants to upgrade or delete: step aside instead of blocking it.
      database.addEventListener('versionchange', () => {
        database.close();
        if (db === current) db = null;
      });
      // The browser closed the connection (storage cleared, disk error): reopen next time.
      database.addEventListener('close', () => {
        if (db === current) db = null;
      });
      return database;
    });
    const current = withTimeout(opening, timeoutMs, () => edgesegError('storage_unavailable', 'IndexedDB open timed out'));
    current.catch(() => {
      if (db === current) db = null;
    });
    return (db = current);
  };

  // The open has its own timeout; each step then gets one of its own, so a slow open
  // is reported as unavailable storage and a slow transaction as a failed step.
  const step = <T>(run: (d: IDBPDatabase<EdgesegDB>) => Promise<T>): Promise<T> =>
    // Through a microtask so a factory that throws (sandboxed frames, Firefox private
    // mode) rejects like every other failure instead of throwing at the caller.
    Promise.resolve()
      .then(open)
      .then((d) => withTimeout(run(d), timeoutMs, () => edgesegError('storage_failed', 'IndexedDB step timed out')));

  return {
    kind: 'indexeddb',
    loadProfile: () => step(async (d) => ((await d.get('kv', 'profile')) as Profile | undefined) ?? null),
    getKv: <T>(key: KvKey) => step(async (d) => (await d.get('kv', key)) as T | undefined),
    putKv: (key, value) => step(async (d) => void (await d.put('kv', value, key))),
    write: (events, profile) =>
      step(async (d) => {
        const tx = d.transaction(['events', 'kv'], 'readwrite', { durability: 'relaxed' });
        const store = tx.objectStore('events');
        for (const event of events) void store.put(event);
        void tx.objectStore('kv').put(profile, 'profile');
        await tx.done;
      }),
    exportAll: () =>
      step(async (d): Promise<StoredData> => ({
        profile: ((await d.get('kv', 'profile')) as Profile | undefined) ?? null,
        events: await d.getAllFromIndex('events', 't'),
      })),
    async clear() {
      const current = db;
      db = null;
      if (current) await current.then((d) => d.close(), () => undefined);
      await withTimeout(wrap(factory.deleteDatabase(DB_NAME)) as unknown as Promise<void>, timeoutMs, () => edgesegError('storage_failed', 'IndexedDB delete timed out'));
    },
    close() {
      const current = db;
      db = null;
      void current?.then((d) => d.close(), () => undefined);
    },
  };
}
