import type { EdgesegEvent } from '../types/event';
import type { Profile } from '../types/profile';
import type { StoredData, VisitorStore } from './store';

/** Raw events kept in memory at most; the profile keeps the aggregate. */
const MAX_EVENTS = 1000;

/** The store used without IndexedDB, or before consent: gone with the page. */
export function createMemoryStore(): VisitorStore {
  let profile: Profile | null = null;
  let events: EdgesegEvent[] = [];
  const kv = new Map<string, unknown>();
  return {
    kind: 'memory',
    loadProfile: () => Promise.resolve(profile),
    write(batch, next) {
      events = events.concat(batch).slice(-MAX_EVENTS);
      profile = next;
      return Promise.resolve();
    },
    exportAll: (): Promise<StoredData> => Promise.resolve({ profile, events: [...events] }),
    getKv: <T>(key: string) => Promise.resolve(kv.get(key) as T | undefined),
    putKv(key, value) {
      kv.set(key, value);
      return Promise.resolve();
    },
    clear() {
      profile = null;
      events = [];
      kv.clear();
      return Promise.resolve();
    },
    close() {},
  };
}
