import { parseConfig } from './config/parse-config';
import type { EdgesegConfig, EdgesegConfigInput } from './types/config';
import { applyChoice, changedPurposes, deniedConsent, initialConsent } from './consent/consent-state';
import { CONSENT_KEY, readConsentRecord, removeOurKeys, saveConsent } from './consent/consent-record';
import { combineStatus } from './consent/combine';
import { normalizeEvent } from './collect/normalize-event';
import { deleteDatabase } from './store/delete-database';
import { cloneJson } from './lib/clone-json';
import type { FoldProfile, StoredData, VisitorStore } from './store/store';
import { unassigned } from './score/unassigned';
import type { earlyFetch } from './bundle/early-fetch';
import { decideSlot, DEFAULT_VARIANT } from './decide/decide-slot';
import { findSlots, showVariant, slotName, slotVariants } from './render/slots';
import { hideSlot, revealSlot } from './render/hide-pending';
import { adoptRerender, claimSlot, releaseSlot } from './render/slots';
import { watchSlots } from './render/watch-slots';
import { readLastAssignment, writeLastAssignment } from './decide/last-assignment';
import { previewAssignment, previewRequest } from './decide/preview';
import { countExposure, currentCounts, isCapped, type CapCounts } from './decide/frequency-cap';
import type { DebugSnapshot, MountedPanel } from './chunks/panel-contract';
import { Emitter } from './lib/emitter';
import { edgesegError, isEdgesegError, type EdgesegError } from './lib/errors';
import { eventId } from './lib/event-id';
import { browserPlatform, type Platform } from './lib/platform';
import type { ClientEvents, ConsentApi, EdgesegClient, ExportedData } from './types/client';
import { PURPOSES, type ConsentChoice, type ConsentState, type ConsentStatus } from './types/consent';
import type { Assignment, Decision } from './types/decision';
import type { EdgesegEvent, EventKind } from './types/event';
import type { BundleSource, Engine, PreparedBundle } from './chunks/engine-contract';
import type { ChunkLoader } from './chunks/loader-contract';
import type { CollectChunk, Collectors } from './chunks/collect-contract';
import type { ReduceOptions } from './profile/reduce';
import type { Profile } from './types/profile';

/** Options of {@link createCoreClient}. */
export interface ClientOptions {
  /** The host capabilities; defaults to the page's own. Tests inject fakes here. */
  platform?: Platform;
  /** Loads lazy chunks (the engine, ...); the ESM entry imports them, the script tag fetches them. */
  load: ChunkLoader;
  /**
   * Starts a bundle request in parallel with the engine chunk when no stored copy can
   * answer ({@link earlyFetch}). The npm entry passes it; the script tag does not need it:
   * its first lines (`prefetch.ts`) preload the bundle before the core even runs.
   */
  early?: typeof earlyFetch;
}

/** Milliseconds events wait in memory before one batched IndexedDB write. */
const FLUSH_DELAY = 250;
/** Events that trigger a write before the delay: bounds each transaction's main-thread work. */
const FLUSH_MAX = 2500;

/** Commerce events `collect.commerce: false` drops. */
const COMMERCE = /^(add_to_cart|remove_from_cart|begin_checkout|purchase|refund)$/;

/** Globals that tell a consent manager is on the page (auto-detection loads the consent chunk). */
const CMP_GLOBALS = ['__tcfapi', '__gpp', 'dataLayer', 'OneTrust', 'Cookiebot', 'klaro'];

class Client implements EdgesegClient {
  readonly ready: Promise<void>;
  readonly consent: ConsentApi;
  private _resolveReady!: () => void;
  private _emitter: Emitter<ClientEvents>;
  private _config: EdgesegConfig | null = null;
  private _inert = false;
  private _state: ConsentState = initialConsent('opt-in');
  /** The mode's initial state with the remembered manual choice applied. */
  private _base: ConsentState = this._state;
  /** Manual choices made on this page (`consent.set`/`revoke`). */
  private _chosen: Partial<ConsentState> = {};
  /** The consent managers' combined opinion; `null` when none has one. */
  private _sourced: Partial<ConsentState> | null = null;
  private _profile: Profile | null = null;
  /** The collect chunk (collectors + reducer); until it arrives, events are not folded. */
  private _collect: CollectChunk | null = null;
  /** The collect chunk's reducer with this config's options: what every fold and store write uses. */
  private _fold: FoldProfile | null = null;
  /** Reducer options from the config, fixed at start. */
  private _reduce!: ReduceOptions & { halfLife: number };
  private _collectors: Collectors | null = null;
  /** Calls waiting for the collect chunk, in order (page views need its automatic properties); null once it settled. */
  private _waiting: (() => void)[] | null = [];
  /** Events not yet in the persistent store: the pending buffer, or the next write batch. */
  private _unsaved: EdgesegEvent[] = [];
  private _store: VisitorStore | null = null;
  /** The store being opened, until it becomes `_store`; a wipe meanwhile clears it. */
  private _pendingStore: VisitorStore | null = null;
  private _opening: Promise<void> | null = null;
  private _writing: Promise<void> = Promise.resolve();
  private _flushTimer: ReturnType<typeof setTimeout> | null = null;
  private _engine: Engine | null = null;
  private _bundle: PreparedBundle | null = null;
  private _source: BundleSource | null = null;
  private _assignment: Assignment = unassigned('edgeseg has not started.');
  private _decided = false;
  private _rescoring = false;
  private _slotKeys = new Map<string, string>();
  private _deferred: (() => void)[] = [];
  private _teardown: (() => void)[] = [];
  /** Slots wait hidden for the first decision until then (epoch ms); 0 once decided. */
  private _hideUntil = 0;
  private _preview: string | null = null;
  /** Exposure counts for frequency caps; `null` until read from the store. */
  private _caps: CapCounts | null = null;
  /** Variants counted as exposed on this page view. */
  private _exposed = new Set<string>();
  /** How often a framework re-render replaced each slot's content. */
  private _rerenders = new WeakMap<Element, number>();
  private _decisions = new Map<string, Decision>();
  private _panels: MountedPanel[] = [];

  constructor(
    private _platform: Platform,
    private _load: ChunkLoader,
    private _early?: typeof earlyFetch,
  ) {
    this.ready = new Promise<void>((resolve) => (this._resolveReady = resolve));
    this._emitter = new Emitter<ClientEvents>((event, cause) =>
      this._report(edgesegError('callback_failed', `edgeseg: an "${event}" listener threw`, { cause })),
    );
    this.consent = {
      get: () => ({ ...this._state }),
      set: (choice: ConsentChoice) => this._guardAsync(() => this._choose(choice)),
      revoke: () => this._guardAsync(() => this._choose(deniedConsent())),
    };
  }

  init(input?: EdgesegConfigInput): Promise<void> {
    this._guard(() => {
      if (this._config || this._inert) {
        this._platform.warn('edgeseg: init() was called again; the first configuration stays.');
        return;
      }
      const parsed = parseConfig(input);
      if (!parsed.ok) {
        this._inert = true;
        this._report(parsed.error, true);
        this._resolveReady();
        return;
      }
      this._start(parsed.config);
    });
    return this.ready;
  }

  track(name: string, props?: Record<string, unknown>): void {
    this._guard(() => this._record('track', name, props, this._platform.now()));
  }

  page(props?: Record<string, unknown>): void {
    this._guard(() => this._record('page', 'page_view', props, this._platform.now()));
  }

  identify(traits: Record<string, unknown>): void {
    this._guard(() => this._record('identify', 'identify', traits, this._platform.now()));
  }

  segment(): Promise<Assignment> {
    return this.ready.then(() => ({ ...this._assignment }));
  }

  personalize(slot: string): Promise<Decision>;
  personalize<T>(slot: string, variants: Record<string, T>): Promise<T | undefined>;
  personalize<T>(slot: string, variants?: Record<string, T>): Promise<Decision | T | undefined> {
    return this.ready.then(() => {
      const ids = new Set<string>();
      if (variants) for (const key of Object.keys(variants)) ids.add(key);
      else {
        const el = this._slotElement(slot);
        const fromDom = el ? slotVariants(el).keys() : (this._bundle?.bundle.segments.map((s) => s.id) ?? []);
        for (const id of fromDom) ids.add(id);
      }
      ids.delete(DEFAULT_VARIANT);
      const decision = decideSlot(slot, ids, this._assignment, this._personalizing(), this._hasModel(), this._capped());
      this._decisions.set(slot, decision);
      this._emitter.emit('decision', decision);
      if (!variants) return decision;
      return Object.hasOwn(variants, decision.variant) ? variants[decision.variant] : variants[DEFAULT_VARIANT];
    });
  }

  on<K extends keyof ClientEvents & string>(event: K, listener: (payload: ClientEvents[K]) => void): () => void {
    try {
      return this._emitter.on(event, listener);
    } catch {
      return () => {};
    }
  }

  exportData(): Promise<ExportedData> {
    return this.ready.then(async () => {
      let stored: StoredData = { profile: null, events: [], records: {} };
      if (this._store) {
        await this._writing;
        stored = await this._store.exportAll().catch(() => stored);
      }
      const seen = new Set(stored.events.map((e) => e.id));
      const bundle = this._bundle?.bundle;
      return {
        format: 'edgeseg-export/1' as const,
        exportedAt: new Date(this._platform.now()).toISOString(),
        consent: { state: { ...this._state }, record: readConsentRecord(this._platform.localStorage()) },
        profile: this._profile ? cloneJson(this._profile) : stored.profile,
        events: stored.events.concat(this._unsaved.filter((e) => !seen.has(e.id))),
        records: stored.records,
        segment: { ...this._assignment },
        bundle: bundle ? { id: bundle.id ?? null, version: bundle.version } : null,
        storage: this._store?.kind ?? 'none',
      };
    });
  }

  forget(): Promise<void> {
    return this._guardAsync(async () => {
      await this._wipe();
      removeOurKeys(this._platform.localStorage(), false);
      this._base = initialConsent(this._config?.consent.mode ?? 'opt-in');
      this._chosen = {};
      const next = this._effective();
      const changed = changedPurposes(this._state, next).length > 0;
      this._state = next;
      if (changed) this._emitter.emit('consent', { ...next });
      if (next.personalization === 'granted') await this._openStore();
      this._decide();
    });
  }

  destroy(): void {
    this._guard(() => {
      if (this._inert) return;
      this._collectors?.flush();
      this._flush();
      this._inert = true;
      for (const stop of this._teardown.splice(0)) stop();
      for (const panel of this._panels.splice(0)) panel.remove();
      const doc = this._platform.document;
      if (doc) for (const slot of findSlots(doc)) releaseSlot(slot, this);
      // Close once the last write is done: the next page (or client) opens its own.
      const store = this._store;
      this._writing.then(() => store?.close()).catch(() => {});
      this._resolveReady();
    });
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  private _start(config: EdgesegConfig): void {
    this._config = config;
    const c = config.collect;
    this._reduce = {
      sessionTimeout: config.sessionTimeout * 60_000,
      halfLife: c.affinityHalfLife * 86_400_000,
      campaignSessions: c.campaignSessions,
    };
    const record = readConsentRecord(this._platform.localStorage());
    this._state = this._base = applyChoice(initialConsent(config.consent.mode), record?.purposes);
    this._watchSources(config);
    const doc = this._platform.document;
    const win = this._platform.window;
    const startedAt = this._platform.now();
    if (win && doc) {
      // Engaged time is recorded first, so it goes out with this flush.
      const flushNow = (): void => {
        this._collectors?.flush();
        this._flush(true);
      };
      const onVisibility = (): void => {
        if (doc.visibilityState === 'hidden') flushNow();
      };
      // Another tab changed or erased the visitor's choice: follow it, so a revoke or
      // forget() anywhere stops this tab too (it would otherwise write the database again).
      const onStorage = (event: StorageEvent): void => {
        if (event.key === CONSENT_KEY || event.key === null) void this._guardAsync(() => this._followTab());
      };
      win.addEventListener('pagehide', flushNow);
      win.addEventListener('storage', onStorage);
      doc.addEventListener('visibilitychange', onVisibility);
      this._teardown.push(() => {
        win.removeEventListener('pagehide', flushNow);
        win.removeEventListener('storage', onStorage);
        doc.removeEventListener('visibilitychange', onVisibility);
      });
    }
    const collecting = this._startCollect(startedAt);
    for (const run of this._deferred.splice(0)) run();

    const personalization = this._state.personalization;
    this._preview = config.preview ? previewRequest(win) : null;
    const cached =
      personalization === 'granted' && config.bundle ? readLastAssignment(this._platform.localStorage()) : null;
    if (this._preview) this._assignment = previewAssignment(this._preview, undefined);
    else if (cached) this._assignment = cached;
    if (this._personalizing() === 'granted' && config.bundle && doc) this._hidePendingSlots(doc, config.hideTimeout);
    if (doc) {
      // Decided now (preview, returning visitor) or pending: slots parsed later are handled as they appear.
      this._teardown.push(watchSlots(doc, (slots) => this._guard(() => this._render(slots))));
      this._render();
      if (config.preview && /[?&]edgeseg_debug=1/.test(win?.location.search ?? '')) this._mount('overlay');
      if (config.transparency) this._mount('why');
    }
    const steps: Promise<unknown>[] = [collecting];
    if (config.bundle) steps.push(this._loadBundle(!!cached));
    // A first visit has no stored profile to wait for: decide as soon as the bundle is
    // here; the store (still opening) re-decides if it holds anything after all. A failed
    // step is reported by the chain below.
    if (personalization === 'granted' && !cached)
      void Promise.all(steps).then(
        () => this._guard(() => this._decide()),
        () => {},
      );
    if (personalization === 'granted') steps.push(this._openStore());
    // A denial remembered from an earlier visit: make sure nothing of ours lingers.
    if (personalization === 'denied') steps.push(this._wipe());
    void Promise.all(steps)
      .then(() => this._decide())
      .catch((cause: unknown) =>
        this._report(isEdgesegError(cause) ? cause : edgesegError('internal', 'edgeseg: start failed', { cause })),
      )
      .finally(() => {
        if (doc) for (const slot of findSlots(doc)) revealSlot(slot);
        this._resolveReady();
      });
  }

  private _hidePendingSlots(doc: Document, timeout: number): void {
    this._hideUntil = this._platform.now() + timeout;
    // The hard limit: whatever happens, the default content shows after `timeout`.
    setTimeout(() => {
      this._hideUntil = 0;
      findSlots(doc).forEach(revealSlot);
    }, timeout);
  }

  private _mount(name: 'overlay' | 'why'): void {
    const doc = this._platform.document as Document;
    this._load(name)
      .then((mount) => this._inert || this._panels.push(mount(doc, () => this._snapshot(), this)))
      .catch((cause: unknown) => this._report(edgesegError('render_failed', 'edgeseg: ' + name, { cause })));
  }

  private _snapshot(): DebugSnapshot {
    return {
      consent: { ...this._state },
      profile: this._profile,
      assignment: this._assignment,
      bundle: this._bundle?.bundle ?? null,
      decisions: [...this._decisions.values()],
      storage: this._store?.kind ?? 'none',
      features: this._config?.consent.features,
    };
  }

  /** `returning`: the visitor has a cached assignment, so a stored bundle is likely too. */
  private async _loadBundle(returning: boolean): Promise<void> {
    const config = this._config as EdgesegConfig;
    const platformFetch = this._platform.fetch;
    if (!platformFetch) return this._report(edgesegError('bundle_fetch_failed', 'edgeseg: fetch is not available'));
    // Without consent (or with memory storage) no stored copy can answer: request the
    // bundle now, in parallel with the engine chunk. Nor can it on a first visit with
    // consent (no cached assignment yet): the database would only be created to miss.
    const noCache = this._state.personalization !== 'granted' || config.storage === 'memory' || !returning;
    const fetchFn = noCache && config.bundle && this._early ? this._early(platformFetch, config.bundle) : platformFetch;
    const engine = await this._load('engine').catch((cause: unknown) => {
      this._report(edgesegError('engine_unavailable', 'edgeseg: the scoring engine could not be loaded', { cause }));
    });
    if (!engine) return;
    // The cache lives in the store: wait for it to open (when consent allows) before
    // reading. Not when there is no cache to read: the fetched bundle is saved once it opens.
    if (!noCache) await this._opening;
    this._engine = engine;
    this._source = engine.openBundle({
      config,
      fetch: fetchFn,
      now: () => this._platform.now(),
      store: () => this._store,
      loadChunk: this._load,
      report: (error) => this._report(error),
      onBundle: (prepared) => {
        // A refresh after the first decision re-decides at once (stale-while-revalidate).
        this._bundle = prepared;
        if (this._decided) this._scheduleRescore();
      },
    });
    await this._source.ready;
  }

  // ── events and storage ───────────────────────────────────────────────────

  private _record(kind: EventKind, name: string, props: unknown, now: number): void {
    const config = this._config;
    const waiting = this._waiting;
    if (!config || waiting) {
      if (this._inert) return;
      // Before init, and while the collect chunk loads: kept in order, with their own time.
      const queue = config ? (waiting as (() => void)[]) : this._deferred;
      queue.push(() => this._record(kind, name, props, now));
      if (config && queue.length > config.maxPendingEvents) queue.shift();
      return;
    }
    const c = config.collect;
    if (
      this._inert ||
      this._state.personalization === 'denied' ||
      (kind === 'identify' && !c.identify) ||
      (!c.commerce && COMMERCE.test(name))
    )
      return;
    const auto = kind === 'page' ? this._collectors?.beginPage() : undefined;
    const result = normalizeEvent(
      kind,
      name,
      auto ? { ...auto, ...(props as object) } : props,
      now,
      eventId(now),
      this._collect?.flatten,
    );
    if (!result.ok) {
      this._report(result.error);
      return;
    }
    const event = result.event;
    const collect = this._collect;
    if (collect) {
      this._profile ??= collect.empty(event.t, this._reduce.halfLife);
      collect.apply(this._profile, event, this._reduce);
    }
    this._unsaved.push(event);
    // Without a store (pending consent, or the store chunk is still loading or failed) the
    // buffer is bounded; with one, a flush empties it.
    if (this._state.personalization === 'granted' && this._store) {
      if (this._unsaved.length >= FLUSH_MAX) this._flush();
      else this._scheduleFlush();
    } else if (this._unsaved.length > config.maxPendingEvents) this._unsaved.shift();
    if (this._decided) this._scheduleRescore();
  }

  /**
   * Loads the collect chunk, folds what was recorded meanwhile, starts the collectors,
   * records the page view of this load (at `startedAt`), then the calls that waited.
   */
  private _startCollect(startedAt: number): Promise<void> {
    const config = this._config as EdgesegConfig;
    const { window: win, document: doc } = this._platform;
    return this._load('collect')
      .then((chunk) => {
        this._collect = chunk;
        this._fold = chunk.fold(this._reduce);
        this._profile = this._fold(this._profile, this._unsaved);
        // An instance stopped meanwhile installs no listeners (its teardown has already run).
        if (!win || !doc || this._inert) return;
        this._collectors = chunk.start({
          window: win,
          document: doc,
          config: config.collect,
          now: () => this._platform.now(),
          page: () => this.page(),
          track: (name, props) => this.track(name, props),
          report: (error) => this._report(error, true),
        });
        this._teardown.push(() => this._collectors?.stop());
      })
      .catch((cause: unknown) =>
        this._report(
          edgesegError(
            'collect_unavailable',
            'edgeseg: the collect chunk could not be loaded; events stay in memory for this page',
            { cause },
          ),
        ),
      )
      .finally(() => {
        const waiting = this._waiting ?? [];
        this._waiting = null;
        if (config.collect.pageViews) this._record('page', 'page_view', undefined, startedAt);
        for (const run of waiting) run();
        // Written at once, as an opened store writes what waited: the visitor may leave right away.
        this._flush();
      });
  }

  private _openStore(): Promise<void> {
    if (this._store) return Promise.resolve();
    return (this._opening ??= this._doOpenStore().finally(() => (this._opening = null)));
  }

  private async _doOpenStore(): Promise<void> {
    const config = this._config as EdgesegConfig;
    const chunk = await this._load('store').catch((cause: unknown) => {
      this._report(
        edgesegError(
          'storage_unavailable',
          'edgeseg: the store chunk could not be loaded; the profile lasts for this page only',
          { cause },
        ),
      );
    });
    // Consent withdrawn while the chunk loaded: open nothing (opening would create the database).
    if (!chunk || this._state.personalization !== 'granted') return;
    // The chunk's store never rejects: it reports through `report` and carries on in memory.
    const store = (this._pendingStore = chunk.open({
      indexedDB: config.storage === 'indexeddb' ? this._platform.indexedDB() : null,
      persistent: config.storage === 'indexeddb',
      timeout: config.storageTimeout,
      retention: config.retention,
      now: () => this._platform.now(),
      report: (error) => this._report(error),
    }));
    const stored = await store.loadProfile();
    const caps = await store.getKv<CapCounts>('caps');
    if (this._pendingStore !== store) return; // wiped meanwhile: `_wipe` cleared it
    this._pendingStore = null;
    if (this._state.personalization !== 'granted') {
      await store.clear();
      return;
    }
    this._store = store;
    this._caps = caps ?? currentCounts(undefined, 0, 0);
    // Without the reducer yet, the stored profile waits: the chunk folds the buffer into it.
    this._profile = this._fold ? this._fold(stored, this._unsaved) : stored;
    this._flush();
    // The first write also folds what earlier pages left in the inbox on `pagehide`: the
    // profile is complete once it lands, so the store counts as open only then.
    await this._writing;
    // A bundle fetched before the store opened (first visit) is cached now; a decision
    // made without the stored profile is made again with it.
    void this._source?.save();
    if (this._decided && stored) this._scheduleRescore();
  }

  private _scheduleFlush(): void {
    if (this._flushTimer !== null || !this._store) return;
    this._flushTimer = setTimeout(() => this._flush(), FLUSH_DELAY);
  }

  /** One transaction for everything unsaved; `leaving` on pagehide/hidden (see `VisitorStore.write`). */
  private _flush(leaving = false): void {
    if (this._flushTimer !== null) clearTimeout(this._flushTimer);
    this._flushTimer = null;
    const store = this._store;
    // Nothing is written before the reducer is there: the stored profile must include every stored event.
    const fold = this._fold;
    if (!store || !fold || !this._profile || this._unsaved.length === 0 || this._state.personalization !== 'granted')
      return;
    const batch = this._unsaved.splice(0);
    // Started now, not after the previous write: on `pagehide` there may be no later.
    // IndexedDB runs transactions on the same stores in the order they were created.
    const written = store.write(batch, fold, leaving).then(
      (stored) => {
        // The stored profile now also counts other tabs' events; re-apply what this tab
        // recorded since the batch left.
        if (this._store === store && stored) this._profile = fold(stored, this._unsaved);
      },
      (cause: unknown) =>
        this._report(
          edgesegError('storage_failed', 'edgeseg: saving the profile failed; it is kept in memory', { cause }),
        ),
    );
    this._writing = Promise.all([this._writing, written]).then(() => undefined);
  }

  private async _wipe(): Promise<void> {
    if (this._flushTimer !== null) clearTimeout(this._flushTimer);
    this._flushTimer = null;
    this._unsaved = [];
    this._profile = null;
    this._caps = null;
    this._exposed.clear();
    const store = this._store;
    const pending = this._pendingStore;
    this._store = this._pendingStore = null;
    removeOurKeys(this._platform.localStorage(), true);
    const report = (cause: unknown): void =>
      this._report(edgesegError('storage_failed', 'edgeseg: erasing stored data failed', { cause }));
    // A store still opening is ended at once, so no step of it can reopen (recreate) the
    // database, and awaited, so an open in flight has created and deleted it before we resolve.
    const ending = pending?.clear().catch(report);
    await this._writing;
    await ending;
    // Deleted even when this page never opened it (an earlier visit may have written it)
    // or its store fell back to memory.
    const factory = this._config?.storage === 'indexeddb' ? this._platform.indexedDB() : null;
    await store?.clear().catch(report);
    if (factory) await deleteDatabase(factory, this._config?.storageTimeout ?? 1500).catch(report);
  }

  // ── consent ──────────────────────────────────────────────────────────────

  private async _choose(choice: ConsentChoice): Promise<void> {
    if (!this._config) {
      if (this._inert) return;
      await new Promise<void>((resolve) => this._deferred.push(() => void this._choose(choice).then(resolve)));
      return;
    }
    this._chosen = applyChoice(this._chosen as ConsentState, choice);
    const remembered = applyChoice(this._base, this._chosen);
    saveConsent(this._platform.localStorage(), this._platform.now(), null, this._config.consent.receipts, remembered);
    await this._apply('manual');
  }

  /** The visitor's choice as another tab left it in the consent record. */
  private async _followTab(): Promise<void> {
    const config = this._config as EdgesegConfig;
    this._base = applyChoice(
      initialConsent(config.consent.mode),
      readConsentRecord(this._platform.localStorage())?.purposes,
    );
    this._chosen = {};
    await this._apply('tab');
  }

  /** Loads the consent-manager adapters when a source is configured or detected; pending meanwhile. */
  private _watchSources(config: EdgesegConfig): void {
    const c = config.consent;
    const win = this._platform.window;
    const gpc =
      c.gpc === 'opt-out' && (win?.navigator as { globalPrivacyControl?: boolean } | undefined)?.globalPrivacyControl;
    if (!win || !(Object.keys(c.sources).length || gpc || (c.detect && CMP_GLOBALS.some((name) => name in win))))
      return;
    this._sourced = initialConsent('opt-in');
    this._state = this._effective();
    this._load('consent')
      .then((chunk) => {
        const apply = (opinion: Partial<ConsentState> | null, source: string): unknown =>
          this._guardAsync(() => this._apply(source, opinion));
        this._teardown.push(chunk.watch(win, c, apply, (error) => this._report(error, true)));
      })
      .catch((cause: unknown) =>
        this._report(edgesegError('consent_unavailable', 'edgeseg: consent chunk unavailable', { cause })),
      );
  }

  /** The state in force: manual choices, overridden conservatively by the consent managers (any denial wins). */
  private _effective(): ConsentState {
    const out = applyChoice(this._base, this._chosen);
    const sourced = this._sourced;
    if (sourced)
      for (const p of PURPOSES) if (sourced[p]) out[p] = combineStatus([sourced[p], this._chosen[p]]) as ConsentStatus;
    return out;
  }

  /** Moves to the state in force: receipt, `consent` event, store opened or wiped, slots redecided. */
  private async _apply(source: string, sourced?: Partial<ConsentState> | null): Promise<void> {
    if (sourced !== undefined) this._sourced = sourced;
    const previous = this._state;
    const next = this._effective();
    this._state = next;
    if (changedPurposes(previous, next).length === 0) return;
    const c = (this._config as EdgesegConfig).consent;
    // Following another tab: that tab logged the receipt.
    if (source !== 'tab' && PURPOSES.some((p) => next[p] !== 'pending')) {
      const receipt = { t: this._platform.now(), source, purposes: { ...next }, config: c.version ?? null };
      saveConsent(this._platform.localStorage(), receipt.t, receipt, c.receipts);
    }
    this._emitter.emit('consent', { ...next });
    if (previous.personalization !== next.personalization) {
      if (next.personalization === 'granted') await this._openStore().then(() => this._source?.save());
      else await this._wipe();
    }
    this._decide();
  }

  /** The consent status decisions use: `pending` with `pending: 'page-view'` personalizes from this page alone. */
  private _personalizing(): ConsentStatus {
    const status = this._state.personalization;
    return status === 'pending' && this._config?.consent.pending === 'page-view' ? 'granted' : status;
  }

  // ── decide and render ────────────────────────────────────────────────────

  private _scheduleRescore(): void {
    if (this._rescoring) return;
    this._rescoring = true;
    queueMicrotask(() => {
      this._rescoring = false;
      this._guard(() => this._decide());
    });
  }

  private _computeAssignment(): Assignment {
    const status = this._personalizing();
    if (this._preview) return previewAssignment(this._preview, this._bundle?.bundle);
    if (status === 'pending') return unassigned('Waiting for consent to personalize.');
    if (status === 'denied') return unassigned('Personalization is off.');
    if (!this._engine || !this._bundle) return unassigned('No segment model is loaded.');
    const config = this._config as EdgesegConfig;
    const features = config.consent.features;
    return this._engine.score(
      this._bundle,
      this._profile,
      this._platform.now(),
      this._assignment.id,
      config.switchMargin,
      features && { features, state: this._state },
    );
  }

  private _decide(): void {
    const previous = this._assignment;
    const next = this._computeAssignment();
    this._assignment = next;
    if (!this._decided || previous.id !== next.id) {
      this._emitter.emit('segment', { ...next });
      // Only with consent to store: a page-view decision while pending stays on this page.
      if (next.source === 'model' && this._state.personalization === 'granted' && this._config?.storage !== 'memory') {
        writeLastAssignment(this._platform.localStorage(), next);
      }
    }
    this._decided = true;
    this._hideUntil = 0;
    this._render();
  }

  /** Shows each slot's decision: all slots, or those the observer just reported. */
  private _render(slots?: Element[]): void {
    const doc = this._platform.document;
    if (!doc || this._inert) return;
    for (const slot of slots ?? findSlots(doc)) {
      const name = slotName(slot);
      if (!name || !claimSlot(slot, this)) continue;
      try {
        // Re-apply once after a framework replaced our content; the second time, it wins.
        const rerenders = (this._rerenders.get(slot) ?? 0) + (adoptRerender(slot) ? 1 : 0);
        this._rerenders.set(slot, rerenders);
        if (rerenders > 1) continue;
        this._renderSlot(slot, name);
      } catch (cause) {
        revealSlot(slot);
        this._report(edgesegError('render_failed', `edgeseg: slot "${name}" could not be rendered`, { cause }));
      }
    }
    for (const panel of this._panels) panel.refresh();
  }

  private _renderSlot(slot: Element, name: string): void {
    const variants = new Set(slotVariants(slot).keys());
    const a = this._assignment;
    const caps = this._config?.frequencyCaps;
    const waiting = this._hideUntil > this._platform.now();
    // Pending: no decision yet, or a capped variant whose counts are still being read.
    if (
      waiting &&
      variants.size > 0 &&
      (a.source === 'none' || (!this._caps && a.source === 'model' && caps?.[a.id ?? '']))
    ) {
      hideSlot(slot);
      return;
    }
    const counts = this._counts();
    const decision = decideSlot(name, variants, a, this._personalizing(), this._hasModel(), this._capped(counts));
    showVariant(slot, decision.variant);
    revealSlot(slot);
    if (decision.reason === 'segment_variant' && caps?.[decision.variant] && !this._exposed.has(decision.variant)) {
      this._exposed.add(decision.variant);
      countExposure(counts, decision.variant);
      this._caps = counts;
      this._store?.putKv('caps', counts).catch(() => {});
    }
    this._decisions.set(name, decision);
    const key = `${decision.variant}|${decision.reason}`;
    if (this._slotKeys.get(name) !== key) {
      this._slotKeys.set(name, key);
      this._emitter.emit('decision', decision);
    }
  }

  private _counts(): CapCounts {
    return currentCounts(this._caps ?? undefined, this._platform.now(), this._profile?.session?.start ?? 0);
  }

  /** Past its cap (or with counts unknown), a variant falls back to the default; one already shown on this page stays. */
  private _capped(counts = this._counts()): (variant: string) => boolean {
    const caps = this._config?.frequencyCaps;
    return (v) =>
      this._assignment.source === 'model' &&
      !this._exposed.has(v) &&
      (this._caps ? isCapped(caps?.[v], counts, v) : !!caps?.[v]);
  }

  /** Whether slots can be decided: a loaded model, or an assignment known without one (cache, preview). */
  private _hasModel(): boolean {
    return !!this._bundle || this._assignment.source !== 'none';
  }

  private _slotElement(name: string): Element | null {
    const doc = this._platform.document;
    if (!doc) return null;
    return findSlots(doc).find((slot) => slotName(slot) === name) ?? null;
  }

  // ── errors ───────────────────────────────────────────────────────────────

  private _report(error: EdgesegError, alwaysWarn = false): void {
    if (alwaysWarn || this._config?.debug) this._platform.warn(error.message, error.path ?? '');
    this._emitter.emit('error', error);
  }

  /** Runs a public method body; nothing it throws may reach the page. */
  private _guard(run: () => void): void {
    try {
      run();
    } catch (cause) {
      this._report(edgesegError('internal', 'edgeseg: unexpected failure', { cause }));
    }
  }

  private _guardAsync(run: () => Promise<void>): Promise<void> {
    try {
      return run().catch((cause: unknown) =>
        this._report(edgesegError('internal', 'edgeseg: unexpected failure', { cause })),
      );
    } catch (cause) {
      this._report(edgesegError('internal', 'edgeseg: unexpected failure', { cause }));
      return Promise.resolve();
    }
  }
}

/**
 * Creates a client around an engine loader. Apps use `createClient` from the package
 * entry; the script-tag build calls this with a loader for its engine chunk.
 */
export function createCoreClient(options: ClientOptions): EdgesegClient {
  return new Client(options.platform ?? browserPlatform(), options.load, options.early);
}
