import { edgesegError, isEdgesegError } from '../lib/errors';
import type { Profile } from '../types/profile';
import { createIdbStore, isQuotaError, type IdbStore } from './idb-store';
import { createMemoryStore } from './memory-store';
import type { FoldProfile, KvKey, StoreOptions, VisitorStore } from './store';
import type { EdgesegEvent } from '../types/event';

/**
 * The store the client uses: IndexedDB while it works, memory from the first failure on,
 * never a rejection. The memory store mirrors the last profile and every kv record, so
 * the page keeps the visitor's profile when IndexedDB goes away mid-session.
 *
 * Failures are reported once, through `options.report`:
 * - `storage_unavailable`: IndexedDB missing or never opened (timeout, blocked, refused);
 * - `storage_degraded`: it worked, then failed (quota still exceeded after compaction, a
 *   step that timed out, a connection lost twice in a row).
 */
export function openResilientStore(options: StoreOptions): VisitorStore {
  const memory = createMemoryStore(options.retention, options.now);
  let idb: IdbStore | null = options.indexedDB
    ? createIdbStore({
        factory: options.indexedDB,
        timeout: options.timeout,
        retention: options.retention,
        now: options.now,
        timers: options.timers,
      })
    : null;
  let worked = false;
  if (!idb && options.persistent) {
    options.report(
      edgesegError('storage_unavailable', 'edgeseg: IndexedDB is not available; the profile lasts for this page only'),
    );
  }

  const degrade = (cause: unknown): void => {
    if (!idb) return;
    idb.close();
    idb = null;
    const reason = isEdgesegError(cause) ? cause.message : cause instanceof DOMException ? cause.name : 'error';
    options.report(
      worked
        ? edgesegError(
            'storage_degraded',
            `edgeseg: IndexedDB failed (${reason}); continuing in memory for this page`,
            { cause },
          )
        : edgesegError(
            'storage_unavailable',
            `edgeseg: IndexedDB could not be used (${reason}); the profile lasts for this page only`,
            { cause },
          ),
    );
  };

  /** Runs `use` on IndexedDB when it is still in use, else (or when it fails) on memory. */
  const either = async <T>(
    use: (s: IdbStore) => Promise<T>,
    fallback: () => Promise<T>,
    mirror?: (value: T) => void,
  ): Promise<T> => {
    const s = idb;
    if (s) {
      try {
        const value = await use(s);
        worked = true;
        mirror?.(value);
        return value;
      } catch (cause) {
        if (idb === s) degrade(cause);
      }
    }
    return fallback();
  };

  const write = async (s: IdbStore, events: readonly EdgesegEvent[], fold: FoldProfile): Promise<Profile | null> => {
    try {
      return await s.write(events, fold);
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      // Full: make room (older raw events, the re-fetchable bundle) and try once more.
      await s.compact();
      return s.write(events, fold);
    }
  };

  return {
    get kind() {
      return idb ? 'indexeddb' : 'memory';
    },
    loadProfile: () =>
      either(
        (s) => s.loadProfile(),
        () => memory.loadProfile(),
        (p) => memory.seed(p),
      ),
    write(events, fold, leaving) {
      // Leaving: append now, no read; this page's estimate of the profile comes from memory.
      if (leaving && idb?.appendNow(events)) return memory.write(events, fold);
      return either(
        (s) => write(s, events, fold),
        () => memory.write(events, fold),
        (p) => memory.seed(p),
      );
    },
    exportAll: () =>
      either(
        (s) => s.exportAll(),
        () => memory.exportAll(),
      ),
    getKv: <T>(key: KvKey) =>
      either(
        (s) => s.getKv<T>(key),
        () => memory.getKv<T>(key),
        (value) => {
          if (value !== undefined) void memory.putKv(key, value);
        },
      ),
    async putKv(key, value) {
      await memory.putKv(key, value);
      await either(
        (s) => s.putKv(key, value),
        () => Promise.resolve(),
      );
    },
    // Both end the IndexedDB store for good (a write still in flight lands in memory, it
    // never recreates the database being erased); the memory store stays usable.
    async clear() {
      const s = idb;
      idb = null;
      await memory.clear();
      await s?.clear();
    },
    close() {
      idb?.close();
      idb = null;
    },
  };
}
