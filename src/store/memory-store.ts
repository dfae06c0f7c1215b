import type { EdgesegEvent } from '../types/event';
import type { Profile } from '../types/profile';
import { DEFAULT_RETENTION } from '../config/retention';
import { ageCutoff } from './retention';
import { storedEvent } from './stored-event';
import type { Retention } from '../types/config';
import type { KvKey, StoredData, VisitorStore } from './store';
import { exportRecords } from './export-records';

/** A memory store; `seed` carries over what IndexedDB held when the store degrades to this one. */
export interface MemoryStore extends VisitorStore {
  seed(profile: Profile | null): void;
}

/**
 * The store used with `storage: 'memory'`, without IndexedDB, or after IndexedDB failed
 * mid-session: gone with the page. Same semantics as the IndexedDB store (dedupe by id,
 * fold inside the write, a ring bounded by count and age) so the client cannot tell.
 */
export function createMemoryStore(retention: Retention = DEFAULT_RETENTION, now: () => number = Date.now): MemoryStore {
  let profile: Profile | null = null;
  let events: EdgesegEvent[] = [];
  const ids = new Set<string>();
  const kv = new Map<KvKey, unknown>();
  return {
    kind: 'memory',
    seed(next) {
      profile = next;
    },
    loadProfile: () => Promise.resolve(profile),
    write(batch, fold) {
      const fresh: EdgesegEvent[] = [];
      for (const event of batch) {
        const copy = storedEvent(event);
        if (!copy || ids.has(copy.id)) continue;
        ids.add(copy.id);
        fresh.push(event);
        events.push(copy);
      }
      if (fresh.length === 0) return Promise.resolve(profile);
      try {
        profile = fold(profile, fresh);
      } catch (error) {
        return Promise.reject(error);
      }
      const cutoff = ageCutoff(retention, now());
      const kept = events.filter((e) => e.t >= cutoff).slice(-retention.maxEvents || events.length);
      events = retention.maxEvents > 0 ? kept : [];
      // Ids of dropped events are forgotten too, so memory stays bounded on long pages.
      if (ids.size > 4 * Math.max(retention.maxEvents, 1000)) {
        ids.clear();
        for (const e of events) ids.add(e.id);
      }
      return Promise.resolve(profile);
    },
    exportAll: (): Promise<StoredData> => Promise.resolve({ profile, events: [...events], records: exportRecords(kv) }),
    getKv: <T>(key: KvKey) => Promise.resolve(kv.get(key) as T | undefined),
    putKv(key, value) {
      kv.set(key, value);
      return Promise.resolve();
    },
    clear() {
      profile = null;
      events = [];
      ids.clear();
      kv.clear();
      return Promise.resolve();
    },
    close() {},
  };
}
