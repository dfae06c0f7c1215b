import type { earlyFetch } from '../bundle/early-fetch';
import { CONFIG_DEFAULTS } from '../config/defaults';
import type { EdgesegConfig, EdgesegConfigInput } from '../types/config';
import { initialConsent } from '../consent/consent-state';
import { removeOurKeys } from '../consent/consent-record';
import { decideSlot, DEFAULT_VARIANT } from '../decide/decide-slot';
import { lastConfigFingerprint, readLastAssignment } from '../decide/last-assignment';
import { previewRequest } from '../decide/preview';
import { unassigned } from '../score/unassigned';
import { Emitter } from '../lib/emitter';
import { asEdgesegError, edgesegError } from '../lib/errors';
import { browserPlatform, type Platform } from '../lib/platform';
import { findSlots, releaseSlot, showVariant } from '../render/slots';
import { watchSlots } from '../render/watch-slots';
import type { ChunkLoader } from '../chunks/loader-contract';
import type { ParsedConfig } from '../chunks/config-contract';
import type { ClientEvents, EdgesegClient } from '../types/client';
import type { ConsentChoice } from '../types/consent';
import type { Decision } from '../types/decision';
import type { EventKind } from '../types/event';
import { deniedConsent } from '../consent/consent-state';
import { listenToPage } from './page-lifecycle';
import { openTabChannel, type TabChannel } from './tab-channel';
import { createReporter, type Reporter } from './report';
import { wireParts, type Parts } from './wire';
import { exportData } from './export-data';
import { readConfig } from './read-config';

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
  /**
   * Called once the client has hidden the slots it will decide (or knows it will not):
   * after `start`, or when it stops. The script tag drops the stub's blanket pre-hiding then.
   */
  settled?: () => void;
}

/**
 * Creates a client around a chunk loader. Apps use `createClient` from the package
 * entry; the script-tag build calls this with a loader for its chunks. The public API
 * and the lifecycle live here; the work is done by the collaborators in `wire.ts`.
 */
export function createCoreClient(options: ClientOptions): EdgesegClient {
  const platform = options.platform ?? browserPlatform();
  let config: EdgesegConfig | null = null;
  /** `init` was called: its config is being validated (the config chunk) or in use. */
  let initialized = false;
  let parts: Parts | null = null;
  let inert = false;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  /**
   * Calls made before the client starts (before `init`, or while its config is being
   * validated), run in the order they were made once it starts: a consent choice queued
   * before an event applies to it. Events among them are bounded like the pending buffer.
   */
  const waiting: { run: () => void; event: boolean }[] = [];
  const teardown: (() => void)[] = [];
  /** The other clients of this origin: tabs, and another client in this document. */
  let channel: TabChannel | null = null;
  const emitter: Emitter<ClientEvents> = new Emitter<ClientEvents>((event, cause) =>
    reporter.report(edgesegError('callback_failed', `edgeseg: an "${event}" listener threw`, { cause })),
  );
  const reporter: Reporter = createReporter({ platform, emitter, debug: () => !!config?.debug });
  const { guard, guardAsync } = reporter;
  const isInert = (): boolean => inert;
  const assignment = () => parts?.loop.assignment() ?? unassigned('edgeseg has not started.');

  let waitingEvents = 0;
  const record = (kind: EventKind, name: string, props: unknown, now: number): void => {
    if (parts) return parts.pipeline.record(kind, name, props, now);
    if (inert) return;
    waiting.push({ run: () => record(kind, name, props, now), event: true });
    // The oldest event is dropped, as the pending buffer does.
    if (++waitingEvents > CONFIG_DEFAULTS.maxPendingEvents) {
      waiting.splice(
        waiting.findIndex((w) => w.event),
        1,
      );
      waitingEvents--;
    }
  };

  const choose = async (choice: ConsentChoice): Promise<void> => {
    if (parts) return parts.gate.choose(choice);
    if (inert) return;
    await new Promise<void>((resolve) => waiting.push({ run: () => void choose(choice).then(resolve), event: false }));
  };

  /**
   * Makes the client inert for good: what started is stopped, its slots are released
   * (`restore`: showing their defaults again), calls waiting for `init` settle, and
   * `ready` resolves. Later calls do nothing.
   */
  function stop(restore = false): void {
    inert = true;
    // Waiting calls settle (nothing runs: the client is inert); waiting events are dropped.
    for (const w of waiting.splice(0)) w.run();
    for (const end of teardown.splice(0)) end();
    parts?.panels.remove();
    const doc = platform.document;
    if (doc)
      for (const slot of findSlots(doc)) if (releaseSlot(slot, client) && restore) showVariant(slot, DEFAULT_VARIANT);
    // Close once the last write is done: the next page (or client) opens its own.
    parts?.keeper.close();
    options.settled?.();
    resolveReady();
  }

  /** Another client erased everything (`forget()`): drop what this one holds too, then follow its consent record. */
  async function forgotten(p: Parts): Promise<void> {
    await p.wipe();
    await p.gate.followTab();
    if (p.gate.state().personalization === 'granted') await p.keeper.open();
    p.loop.decide();
  }

  /** `startedAt`: when `init` was called, the moment of this load's page view (calls made after it come after it). */
  function start(c: EdgesegConfig, startedAt: number, fingerprint: string | null): void {
    config = c;
    const p = (parts = wireParts({
      config: c,
      fingerprint,
      platform,
      load: options.load,
      early: options.early,
      reporter,
      emitter,
      client,
      inert: isInert,
      onTeardown: (stop) => teardown.push(stop),
      announce: () => channel?.post('consent'),
    }));
    const { gate, keeper, pipeline, bundles, loop, renderer } = p;
    gate.watchSources();
    const { window: win, document: doc } = platform;
    if (win) {
      channel = openTabChannel(win, (message) =>
        guardAsync(() => (message === 'forget' ? forgotten(p) : gate.followTab())),
      );
      teardown.push(channel.close);
    }
    if (win && doc) {
      const leave = (): void => {
        // Engaged time is recorded first, so it goes out with this flush.
        pipeline.flushCollectors();
        keeper.flush(true);
      };
      teardown.push(listenToPage(win, doc, { leave, consentRecord: () => void guardAsync(gate.followTab) }));
    }
    const collecting = pipeline.start(startedAt);
    waitingEvents = 0;
    for (const w of waiting.splice(0)) w.run();

    const personalization = gate.state().personalization;
    const cached = personalization === 'granted' && c.bundle ? readLastAssignment(platform.localStorage()) : null;
    loop.bootstrap(
      c.preview ? previewRequest(win) : null,
      cached,
      c.preview ? previewRequest(win, 'edgeseg_arm') : null,
    );
    if (gate.personalizing() === 'granted' && c.bundle && doc) renderer.hidePending(doc, c.hideTimeout);
    if (doc) {
      // Decided now (preview, returning visitor) or pending: slots parsed later are handled as they appear.
      teardown.push(watchSlots(doc, (slots) => guard(() => renderer.render(slots))));
      renderer.render();
      if (c.preview && /[?&]edgeseg_debug=1/.test(win?.location.search ?? '')) p.panels.mount('overlay', doc);
      if (c.transparency) p.panels.mount('why', doc);
    }
    options.settled?.();
    const steps: Promise<unknown>[] = [collecting];
    if (c.bundle) steps.push(bundles.load(!!cached));
    // A first visit has no stored profile to wait for: decide as soon as the bundle is
    // here; the store (still opening) re-decides if it holds anything after all. A failed
    // step is reported by the chain below.
    if (personalization === 'granted' && !cached) {
      void Promise.all(steps).then(
        () => guard(loop.decide),
        () => {},
      );
    }
    if (personalization === 'granted') steps.push(keeper.open());
    // A denial remembered from an earlier visit: make sure nothing of ours lingers.
    if (personalization === 'denied') steps.push(p.wipe());
    void Promise.all(steps)
      .then(loop.decide)
      .catch((cause: unknown) => reporter.report(asEdgesegError(cause, 'internal', 'edgeseg: start failed')))
      .finally(() => {
        renderer.revealAll();
        resolveReady();
      });
  }

  /**
   * Starts with a validated config, or stays inert with the reason reported. A config
   * started from its fingerprint that the validator then refuses stops the client: its
   * slots go back to their defaults.
   */
  function begin(parsed: ParsedConfig, startedAt: number, fingerprint: string | null): void {
    if (inert) return;
    if (!parsed.ok) {
      reporter.report(parsed.error, true);
      // Only a client started from a fingerprint owns slots by now: they go back to the page's own content.
      return stop(true);
    }
    try {
      start(parsed.config, startedAt, fingerprint);
    } catch (cause) {
      // Never a half-started SDK: what started is stopped, `ready` settles.
      reporter.report(asEdgesegError(cause, 'internal', 'edgeseg: start failed'), true);
      stop();
    }
  }

  const client: EdgesegClient = {
    ready,
    consent: {
      get: () => ({ ...(parts?.gate.state() ?? initialConsent('opt-in')) }),
      set: (choice) => guardAsync(() => choose(choice)),
      revoke: () => guardAsync(() => choose(deniedConsent())),
    },
    init(input?: EdgesegConfigInput) {
      guard(() => {
        if (initialized || inert)
          return platform.warn('edgeseg: init() was called again; the first configuration stays.');
        initialized = true;
        const calledAt = platform.now();
        readConfig(input, {
          load: options.load,
          warn: (message) => platform.warn(message),
          guard,
          remembered: () => lastConfigFingerprint(platform.localStorage()),
          done: (parsed, fingerprint) => begin(parsed, calledAt, fingerprint),
        });
      });
      return ready;
    },
    track: (name, props) => guard(() => record('track', name, props, platform.now())),
    page: (props) => guard(() => record('page', 'page_view', props, platform.now())),
    identify: (traits) => guard(() => record('identify', 'identify', traits, platform.now())),
    segment: () => ready.then(() => ({ ...assignment() })),
    personalize: ((slot: string, variants?: Record<string, unknown>) =>
      ready.then(() => {
        const decision: Decision = parts
          ? parts.loop.personalize(slot, variants)
          : decideSlot(slot, new Set(Object.keys(variants ?? {})), assignment(), 'pending', false, () => false);
        if (!parts) emitter.emit('decision', decision);
        if (!variants) return decision;
        return Object.hasOwn(variants, decision.variant) ? variants[decision.variant] : variants[DEFAULT_VARIANT];
      })) as EdgesegClient['personalize'],
    on(event, listener) {
      try {
        return emitter.on(event, listener);
      } catch {
        return () => {};
      }
    },
    exportData: () => ready.then(() => exportData(parts, platform, client.consent.get(), assignment())),
    forget: () =>
      guardAsync(async () => {
        await parts?.wipe();
        removeOurKeys(platform.localStorage(), false);
        if (!parts || !config) return;
        channel?.post('forget');
        // Erasing under opt-out is also an objection: without it the default (granted)
        // would recreate the database at once. The denial is the one record kept.
        if (config.consent.mode === 'opt-out') return parts.gate.choose(deniedConsent());
        parts.gate.reset();
        if (parts.gate.state().personalization === 'granted') await parts.keeper.open();
        parts.loop.decide();
      }),
    destroy: () =>
      guard(() => {
        if (inert) return;
        parts?.pipeline.flushCollectors();
        parts?.keeper.flush();
        stop();
      }),
  };
  return client;
}
