import type { EdgesegError } from '../lib/errors';
import type { EdgesegEvent } from '../types/event';
import type { Profile } from '../types/profile';
import type { FoldProfile } from '../profile/reduce';
import type { Retention } from '../types/config';
import type { Timers } from '../lib/platform';

/** Names of the records kept beside the profile in the `kv` object store. */
export type KvKey = 'bundle' | 'caps' | 'measure';

/** Everything edgeseg keeps about a visitor, as `exportData()` returns it. */
export interface StoredData {
  profile: Profile | null;
  /** The raw events still in the ring, oldest first. */
  events: EdgesegEvent[];
  /** The named records (bundle cache, frequency-cap counts, ...), by key. */
  records: Partial<Record<KvKey, unknown>>;
}

export type { FoldProfile };

/**
 * Where the profile lives. IndexedDB and memory implement the same interface so every
 * stage works when storage is missing, full or deleted by the browser.
 */
export interface VisitorStore {
  readonly kind: 'indexeddb' | 'memory';
  /** The stored profile, or `null` for a first visit. */
  loadProfile(): Promise<Profile | null>;
  /**
   * Appends events (deduplicated by id) and folds the new ones into the stored profile
   * inside ONE transaction, so two tabs writing at once both count; resolves the new profile.
   * `leaving` (on `pagehide`/hidden): the page may be gone before a read returns, so the
   * events are appended in a transaction created synchronously, with no read, and folded
   * by the next write (of any tab); the profile resolved is this page's own estimate.
   */
  write(events: readonly EdgesegEvent[], fold: FoldProfile, leaving?: boolean): Promise<Profile | null>;
  exportAll(): Promise<StoredData>;
  /** Reads a named record other than the profile (bundle cache, caps, ...). */
  getKv<T>(key: KvKey): Promise<T | undefined>;
  /** Writes a named record; like every write, only ever called with consent. */
  putKv(key: KvKey, value: unknown): Promise<void>;
  /** Erases everything, leaving no database behind. */
  clear(): Promise<void>;
  close(): void;
}

/** What the `store` chunk needs from the client to open the visitor's store. */
export interface StoreOptions {
  /** The IndexedDB factory, or `null` for a memory store (config `storage: 'memory'`, or none available). */
  indexedDB: IDBFactory | null;
  /** Whether IndexedDB was wanted: a missing factory is then reported as `storage_unavailable`. */
  persistent: boolean;
  /** Milliseconds an IndexedDB step may take. */
  timeout: number;
  retention: Retention;
  /** Epoch milliseconds (the injected clock). */
  now(): number;
  /** The platform's timers, for the IndexedDB timeouts (pass the platform); the global ones when absent. */
  timers?: Timers | undefined;
  /** Receives `storage_*` errors; the store keeps working (in memory if need be). */
  report(error: EdgesegError): void;
}
