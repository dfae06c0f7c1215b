import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { PageViewReport } from '../types/measure';

import { BEACON_DB } from './beacon-db';

interface BeaconDB extends DBSchema {
  /** Keyed by report id: ids sort by time, so the oldest come first. */
  reports: { key: string; value: PageViewReport };
}

/** Reports waiting to be sent, oldest first, at most `max` (the oldest dropped). Never rejects. */
export interface BeaconQueue {
  add(report: PageViewReport): Promise<void>;
  all(): Promise<PageViewReport[]>;
  remove(ids: readonly string[]): Promise<void>;
  /** Deletes the database. */
  clear(): Promise<void>;
  close(): void;
}

/**
 * The queue in IndexedDB, so reports survive offline periods and reloads; in memory for
 * this page when IndexedDB is missing or fails. The injected factory is used (not idb's
 * `openDB`, which reads the global) so tests and hosts can supply their own.
 */
export function openBeaconQueue(factory: IDBFactory | null, max: number): BeaconQueue {
  const memory = new Map<string, PageViewReport>();
  let db: Promise<IDBPDatabase<BeaconDB> | null> | null = null;
  const open = (): Promise<IDBPDatabase<BeaconDB> | null> =>
    (db ??= new Promise<IDBPDatabase<BeaconDB> | null>((resolve) => {
      if (!factory) return resolve(null);
      try {
        const request = factory.open(BEACON_DB, 1);
        request.onupgradeneeded = () => request.result.createObjectStore('reports', { keyPath: 'id' });
        request.onsuccess = () => {
          const opened = wrap(request.result) as unknown as IDBPDatabase<BeaconDB>;
          // Another tab deleting the database (consent withdrawn there) must not wait on us.
          request.result.onversionchange = () => request.result.close();
          resolve(opened);
        };
        request.onerror = () => resolve(null);
        request.onblocked = () => resolve(null);
      } catch {
        resolve(null);
      }
    }));
  const trimMemory = (): void => {
    const keys = [...memory.keys()].sort();
    for (const key of keys.slice(0, Math.max(0, keys.length - max))) memory.delete(key);
  };
  return {
    async add(report) {
      try {
        const d = await open();
        if (!d) {
          memory.set(report.id, report);
          return trimMemory();
        }
        const tx = d.transaction('reports', 'readwrite');
        await tx.store.put(report);
        const keys = await tx.store.getAllKeys();
        for (const key of keys.slice(0, Math.max(0, keys.length - max))) await tx.store.delete(key);
        await tx.done;
      } catch {
        memory.set(report.id, report);
        trimMemory();
      }
    },
    async all() {
      const fromMemory = [...memory.values()];
      try {
        const d = await open();
        const stored = d ? await d.getAll('reports') : [];
        return [...stored, ...fromMemory].sort((a, b) => (a.id < b.id ? -1 : 1));
      } catch {
        return fromMemory;
      }
    },
    async remove(ids) {
      for (const id of ids) memory.delete(id);
      try {
        const d = await open();
        if (!d) return;
        const tx = d.transaction('reports', 'readwrite');
        await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
      } catch {
        /* sent again later: the collector drops the copy by id */
      }
    },
    async clear() {
      memory.clear();
      const d = await open().catch(() => null);
      d?.close();
      db = Promise.resolve(null);
      if (!factory) return;
      await new Promise<void>((resolve) => {
        try {
          const request = factory.deleteDatabase(BEACON_DB);
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        } catch {
          resolve();
        }
      });
    },
    close() {
      void db?.then((d) => d?.close());
    },
  };
}
