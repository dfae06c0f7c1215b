import { removeOurKeys } from '../consent/consent-record';
import type { CapCounts } from '../decide/frequency-cap';
import { cloneJson } from '../lib/clone-json';
import { edgesegError } from '../lib/errors';
import type { ReduceOptions } from '../profile/reduce';
import { deleteDatabase } from '../store/delete-database';
import type { FoldProfile, StoredData, VisitorStore } from '../store/store';
import type { CollectChunk } from '../chunks/collect-contract';
import type { EdgesegEvent } from '../types/event';
import type { Profile } from '../types/profile';
import type { ClientContext } from './context';

/** Milliseconds events wait in memory before one batched IndexedDB write. */
const FLUSH_DELAY = 250;
/** Events that trigger a write before the delay: bounds each transaction's main-thread work. */
const FLUSH_MAX = 2500;

/** Reducer options from the config, fixed at start. */
export type KeeperReduce = ReduceOptions & { halfLife: number };

/** The profile keeper: the visitor's profile in memory, and the store it is saved in once consent allows. */
export interface ProfileKeeper {
  profile(): Profile | null;
  /** The open store, or `null` (pending consent, not opened yet, wiped). */
  store(): VisitorStore | null;
  /** Resolves once the store being opened is open (or failed); `null` when none is being opened. */
  opening(): Promise<void> | null;
  /** Folds one event into the profile and queues it for the next write (or the bounded pending buffer). */
  record(event: EdgesegEvent): void;
  /** The collect chunk arrived: its reducer folds what was recorded meanwhile, and every later event. */
  useReducer(chunk: CollectChunk): void;
  /**
   * Opens the store (once); the stored profile absorbs this page's events. `chosenNow`: the
   * grant was made on this page, so what was recorded before it is dropped unless
   * `consent.keepPending` (a grant known at load, e.g. a consent manager's stored answer,
   * covers the whole page).
   */
  open(chosenNow?: boolean): Promise<void>;
  /** One transaction for everything unsaved; `leaving` on pagehide/hidden (see `VisitorStore.write`). */
  flush(leaving?: boolean): void;
  /** Erases everything stored (database, our localStorage keys but the consent record) and what is in memory. */
  wipe(): Promise<void>;
  /** Stored data merged with what is not written yet, for `exportData()`. */
  exportAll(): Promise<StoredData & { storage: 'indexeddb' | 'memory' | 'none' }>;
  /** Closes the store once the last write has landed. */
  close(): void;
}

/**
 * Creates the keeper. The write ordering below is where the subtle correctness lives:
 * writes start at once (not after the previous one) and IndexedDB runs them in order,
 * and a store being opened can be ended by a wipe at any step without recreating data.
 */
export function createProfileKeeper(
  ctx: ClientContext,
  o: {
    reduce: KeeperReduce;
    /** Whether consent allows storing now (`personalization` granted). */
    granted(): boolean;
    /** The store opened: its exposure counts (undefined for none yet). */
    onCaps(caps: CapCounts | undefined): void;
    /** The store's first write landed: the profile is complete. `stored`: it held a profile. */
    onOpened(stored: boolean): void;
  },
): ProfileKeeper {
  const { config, platform, reporter, load } = ctx;
  let profile: Profile | null = null;
  /** The collect chunk (collectors + reducer); until it arrives, events are not folded. */
  let collect: CollectChunk | null = null;
  /** The collect chunk's reducer with this config's options: what every fold and store write uses. */
  let fold: FoldProfile | null = null;
  /** Events not yet in the persistent store: the buffer while the store opens, or the next write batch. */
  let unsaved: EdgesegEvent[] = [];
  /** Events recorded while consent was pending (bounded): saved on a grant only with `consent.keepPending`. */
  let held: EdgesegEvent[] = [];
  let store: VisitorStore | null = null;
  /** The store being opened, until it becomes `store`; a wipe meanwhile clears it. */
  let pendingStore: VisitorStore | null = null;
  let opening: Promise<void> | null = null;
  let writing: Promise<void> = Promise.resolve();
  let flushTimer: unknown = null;

  const stopTimer = (): void => {
    if (flushTimer !== null) platform.clearTimeout(flushTimer);
    flushTimer = null;
  };

  function flush(leaving = false): void {
    stopTimer();
    const target = store;
    // Nothing is written before the reducer is there: the stored profile must include every stored event.
    const f = fold;
    if (!target || !f || !profile || unsaved.length === 0 || !o.granted()) return;
    const batch = unsaved.splice(0);
    // Started now, not after the previous write: on `pagehide` there may be no later.
    // IndexedDB runs transactions on the same stores in the order they were created.
    const written = target.write(batch, f, leaving).then(
      (stored) => {
        // The stored profile now also counts other tabs' events; re-apply what this tab
        // recorded since the batch left.
        if (store === target && stored) profile = f(stored, unsaved);
      },
      (cause: unknown) =>
        reporter.report(
          edgesegError('storage_failed', 'edgeseg: saving the profile failed; it is kept in memory', { cause }),
        ),
    );
    writing = Promise.all([writing, written]).then(() => undefined);
  }

  async function doOpen(chosenNow: boolean): Promise<void> {
    const chunk = await load('store').catch((cause: unknown) => {
      reporter.report(
        edgesegError(
          'storage_unavailable',
          'edgeseg: the store chunk could not be loaded; the profile lasts for this page only',
          { cause },
        ),
      );
    });
    // Consent withdrawn while the chunk loaded: open nothing (opening would create the database).
    if (!chunk || !o.granted()) return;
    // The chunk's store never rejects: it reports through `report` and carries on in memory.
    const opened = (pendingStore = chunk.open({
      indexedDB: config.storage === 'indexeddb' ? platform.indexedDB() : null,
      persistent: config.storage === 'indexeddb',
      timeout: config.storageTimeout,
      retention: config.retention,
      now: () => platform.now(),
      timers: platform,
      report: (error) => reporter.report(error),
    }));
    const stored = await opened.loadProfile();
    const caps = await opened.getKv<CapCounts>('caps');
    if (pendingStore !== opened) return; // wiped meanwhile: `wipe` cleared it
    pendingStore = null;
    if (!o.granted()) {
      await opened.clear();
      return;
    }
    store = opened;
    if (config.consent.keepPending || !chosenNow) unsaved = held.concat(unsaved);
    held = [];
    o.onCaps(caps);
    // Without the reducer yet, the stored profile waits: the chunk folds the buffer into it.
    profile = fold ? fold(stored, unsaved) : stored;
    flush();
    // The first write also folds what earlier pages left in the inbox on `pagehide`: the
    // profile is complete once it lands, so the store counts as open only then.
    await writing;
    o.onOpened(!!stored);
  }

  return {
    profile: () => profile,
    store: () => store,
    opening: () => opening,
    record(event) {
      if (collect) {
        profile ??= collect.empty(event.t, o.reduce.halfLife);
        collect.apply(profile, event, o.reduce);
      }
      // Without a store (pending consent, or the store chunk is still loading or failed) the
      // buffer is bounded; with one, a flush empties it.
      const buffer = o.granted() ? unsaved : held;
      buffer.push(event);
      if (o.granted() && store) {
        if (unsaved.length >= FLUSH_MAX) flush();
        else flushTimer ??= platform.setTimeout(() => flush(), FLUSH_DELAY);
      } else if (buffer.length > config.maxPendingEvents) buffer.shift();
    },
    useReducer(chunk) {
      collect = chunk;
      fold = chunk.fold(o.reduce);
      profile = fold(profile, held.concat(unsaved));
    },
    open(chosenNow = false) {
      if (store) return Promise.resolve();
      return (opening ??= doOpen(chosenNow).finally(() => (opening = null)));
    },
    flush,
    async wipe() {
      stopTimer();
      unsaved = [];
      held = [];
      profile = null;
      const target = store;
      const pending = pendingStore;
      store = pendingStore = null;
      removeOurKeys(platform.localStorage(), true);
      const report = (cause: unknown): void =>
        reporter.report(edgesegError('storage_failed', 'edgeseg: erasing stored data failed', { cause }));
      // A store still opening is ended at once, so no step of it can reopen (recreate) the
      // database, and awaited, so an open in flight has created and deleted it before we resolve.
      const ending = pending?.clear().catch(report);
      await writing;
      await ending;
      // Deleted even when this page never opened it (an earlier visit may have written it)
      // or its store fell back to memory.
      const factory = config.storage === 'indexeddb' ? platform.indexedDB() : null;
      await target?.clear().catch(report);
      if (factory) await deleteDatabase(factory, config.storageTimeout).catch(report);
    },
    async exportAll() {
      let stored: StoredData = { profile: null, events: [], records: {} };
      const target = store;
      if (target) {
        await writing;
        stored = await target.exportAll().catch(() => stored);
      }
      const seen = new Set(stored.events.map((e) => e.id));
      return {
        profile: profile ? cloneJson(profile) : stored.profile,
        events: stored.events.concat(
          held,
          unsaved.filter((e) => !seen.has(e.id)),
        ),
        records: stored.records,
        storage: store?.kind ?? 'none',
      };
    },
    close() {
      const target = store;
      writing.then(() => target?.close()).catch(() => {});
    },
  };
}
