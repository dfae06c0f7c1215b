import type { EdgesegEvent } from '../types/event';
import type { Profile } from '../types/profile';
import { ageCutoff, DAY } from './retention';
import { asProfile, storedEvent } from './stored-event';
import type { Retention } from '../types/config';
import type { FoldProfile } from './store';

/** Unique events of a batch by id (first occurrence wins), refusing those that cannot be stored. */
function distinct(events: readonly EdgesegEvent[]): EdgesegEvent[] {
  const seen = new Set<string>();
  const out: EdgesegEvent[] = [];
  for (const event of events) {
    const id = event?.id;
    if (typeof id !== 'string' || !id || id.length > 64 || !Number.isFinite(event.t) || seen.has(id)) continue;
    seen.add(id);
    out.push(event);
  }
  return out;
}

/**
 * Drops raw events past their age, then the oldest (smallest key: keys sort by time)
 * beyond `maxEvents`. Runs inside the caller's transaction; `keep` overrides the count
 * (compaction keeps fewer).
 */
export function trimRing(tx: IDBTransaction, retention: Retention, now: number, keep = retention.maxEvents): void {
  const events = tx.objectStore('events');
  if (keep <= 0) {
    events.clear();
    return;
  }
  const old = events.index('t').getAllKeys(IDBKeyRange.upperBound(ageCutoff(retention, now), true));
  old.onsuccess = () => {
    for (const key of old.result) events.delete(key);
    const count = events.count();
    count.onsuccess = () => {
      const excess = count.result - keep;
      if (excess <= 0) return;
      const oldest = events.getAllKeys(null, excess);
      oldest.onsuccess = () => {
        const last = oldest.result[oldest.result.length - 1];
        if (last !== undefined) events.delete(IDBKeyRange.upperBound(last));
      };
    };
  };
}

/**
 * Retention of what outlives raw events, applied when a page opens the database: a
 * profile whose visitor has not been seen for `profileDays` goes with everything kept
 * about them (events, inbox, frequency-cap counts); a cached bundle the server has not
 * confirmed for `bundleDays` goes too. Runs inside the caller's transaction over
 * `aggregates`, `events`, `inbox` and `kv`.
 */
export function expireAtOpen(tx: IDBTransaction, retention: Retention, now: number): void {
  const aggregates = tx.objectStore('aggregates');
  const kv = tx.objectStore('kv');
  const profile = aggregates.get('profile');
  profile.onsuccess = () => {
    const lastSeen = (profile.result as { lastSeen?: unknown } | undefined)?.lastSeen;
    if (typeof lastSeen !== 'number' || lastSeen >= now - retention.profileDays * DAY) return;
    aggregates.delete('profile');
    tx.objectStore('events').clear();
    tx.objectStore('inbox').clear();
    kv.delete('caps');
  };
  const bundle = kv.get('bundle');
  bundle.onsuccess = () => {
    const fetchedAt = (bundle.result as { fetchedAt?: unknown } | undefined)?.fetchedAt;
    if (typeof fetchedAt === 'number' && fetchedAt < now - retention.bundleDays * DAY) kv.delete('bundle');
  };
}

/**
 * Appends events to `inbox` in a transaction created now, with no read, and asks the
 * browser to commit it at once: the only write that survives a page being unloaded
 * (a transaction waiting for a read callback is aborted with the document).
 */
export function appendToInbox(db: IDBDatabase, batch: readonly EdgesegEvent[]): void {
  const tx = db.transaction('inbox', 'readwrite', { durability: 'relaxed' });
  const inbox = tx.objectStore('inbox');
  for (const event of distinct(batch)) {
    const copy = storedEvent(event);
    if (copy) inbox.put(copy);
  }
  tx.commit?.();
}

/**
 * The write of one flush, in ONE readwrite transaction over `events`, `aggregates` and
 * `inbox`: reads the stored profile and the inbox, then which of the ids are already
 * stored (one key-range read, ids sort by time), folds only the new events (inbox first)
 * into the profile, stores them, empties the inbox, trims the ring. Another tab's
 * transaction on the same stores runs before or after this one, never interleaved, so
 * both tabs' events are counted exactly once.
 *
 * Raw IndexedDB rather than idb's promise wrappers: a flush can hold thousands of events
 * and one promise per request would cost main-thread time.
 */
export function writeEvents(
  db: IDBDatabase,
  batch: readonly EdgesegEvent[],
  fold: FoldProfile,
  retention: Retention,
  now: number,
): Promise<Profile | null> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(['events', 'aggregates', 'inbox'], 'readwrite', { durability: 'relaxed' });
    let result: Profile | null = null;
    let failure: unknown = null;
    tx.oncomplete = () => resolve(result);
    tx.onabort = () => reject(failure ?? tx.error ?? new DOMException('IndexedDB transaction aborted', 'AbortError'));
    const guard = (run: () => void) => () => {
      try {
        run();
      } catch (error) {
        failure = error;
        tx.abort();
      }
    };
    const events = tx.objectStore('events');
    const aggregates = tx.objectStore('aggregates');
    const inbox = tx.objectStore('inbox');
    const storedProfile = aggregates.get('profile');
    const parked = inbox.getAll();
    // Requests complete in order: when the inbox read succeeds, the profile read has.
    parked.onsuccess = guard(() => {
      const items = distinct([...(parked.result as EdgesegEvent[]), ...batch]);
      if (parked.result.length > 0) inbox.clear();
      const ids = items.map((e) => e.id).sort();
      const first = ids[0];
      const last = ids[ids.length - 1];
      result = asProfile<Profile>(storedProfile.result);
      if (first === undefined || last === undefined) return;
      const known = events.getAllKeys(IDBKeyRange.bound(first, last));
      known.onsuccess = guard(() => {
        const have = new Set(known.result as string[]);
        const fresh = items.filter((e) => !have.has(e.id));
        if (fresh.length === 0) return;
        result = fold(result, fresh);
        if (result) aggregates.put(result, 'profile');
        // Only the newest `maxEvents` of a large batch can survive the trim: copy and store those.
        const keep =
          retention.maxEvents > 0 ? [...fresh].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(-retention.maxEvents) : [];
        for (const event of keep) {
          const copy = storedEvent(event);
          if (copy) events.put(copy);
        }
        trimRing(tx, retention, now);
      });
    });
  });
}
