import type { EdgesegEvent } from '../types/event';
import type { Profile } from '../types/profile';

/** Names of the records kept beside the profile in the `kv` object store. */
export type KvKey = 'bundle' | 'caps' | 'meta';

/** Everything edgeseg keeps about a visitor, as `exportData()` returns it. */
export interface StoredData {
  profile: Profile | null;
  events: EdgesegEvent[];
}

/**
 * Where the profile lives. IndexedDB and memory implement the same interface so every
 * stage works when storage is missing, full or deleted by the browser.
 */
export interface VisitorStore {
  readonly kind: 'indexeddb' | 'memory';
  /** The stored profile, or `null` for a first visit. */
  loadProfile(): Promise<Profile | null>;
  /** Appends events and replaces the profile, in one transaction. */
  write(events: readonly EdgesegEvent[], profile: Profile): Promise<void>;
  exportAll(): Promise<StoredData>;
  /** Reads a named record other than the profile (bundle cache, caps, ...). */
  getKv<T>(key: KvKey): Promise<T | undefined>;
  /** Writes a named record; like every write, only ever called with consent. */
  putKv(key: KvKey, value: unknown): Promise<void>;
  /** Erases everything, leaving no database behind. */
  clear(): Promise<void>;
  close(): void;
}
