import type { DBSchema } from 'idb';
import type { EdgesegEvent } from '../types/event';
import type { Profile } from '../types/profile';
import type { KvKey } from './store';

/** The IndexedDB database edgeseg owns; nothing else is written to it. */
export const DB_NAME = 'edgeseg';

/**
 * The schema version. History (each step is in `migrations.ts`):
 * 1. `events` (key `id`, index `t`) and `kv` (the profile under `profile`, bundle, caps).
 * 2. the profile moves to its own `aggregates` store; `events` becomes a bounded ring;
 *    `inbox` holds events written while the page was going away, folded by the next write.
 */
export const DB_VERSION = 2;

/** The typed schema of {@link DB_NAME} at {@link DB_VERSION}. */
export interface EdgesegDB extends DBSchema {
  /** Raw events, a ring bounded by count and age (`retention`); keys sort by time. */
  events: { key: string; value: EdgesegEvent; indexes: { t: number } };
  /**
   * Events written on `pagehide` in a transaction that cannot wait for reads (the page is
   * going away): appended blind, folded into the profile and moved to `events` by the
   * next write of any tab.
   */
  inbox: { key: string; value: EdgesegEvent };
  /** Aggregates kept as long as consent lasts: the profile. */
  aggregates: { key: 'profile'; value: Profile };
  /** Named records: the bundle cache, frequency-cap counts, metadata. */
  kv: { key: KvKey; value: unknown };
}
