import type { earlyFetch } from '../bundle/early-fetch';
import type { EdgesegConfig } from '../types/config';
import type { Emitter } from '../lib/emitter';
import type { Platform } from '../lib/platform';
import type { ChunkLoader } from '../chunks/loader-contract';
import type { ClientEvents, EdgesegClient } from '../types/client';
import { createBundleLoading, type BundleLoading } from './bundle-loading';
import { createConsentGate, type ConsentGate } from './consent-gate';
import { createDecisionLoop, type DecisionLoop } from './decision-loop';
import { createEventPipeline, type EventPipeline } from './event-pipeline';
import { createPanels, type Panels } from './panels';
import { createProfileKeeper, type ProfileKeeper } from './profile-keeper';
import type { Reporter } from './report';
import type { ClientContext } from './context';
import { createSlotRenderer, type SlotRenderer } from './slot-renderer';
import { createVisitorKey } from './visitor-key';
import { createMeasuring, type Measuring } from './measuring';
import { createLayoutGuard } from './layout-guard';

/** The collaborators of a started client, wired to each other. */
export interface Parts {
  gate: ConsentGate;
  keeper: ProfileKeeper;
  pipeline: EventPipeline;
  bundles: BundleLoading;
  loop: DecisionLoop;
  renderer: SlotRenderer;
  panels: Panels;
  measuring: Measuring;
  /** Stops personalizing and erases what is stored (consent withdrawn, a denial remembered, `forget()`). */
  wipe(): Promise<void>;
}

/**
 * Wires the collaborators for one configuration. Each gets what it needs as explicit
 * functions, so the data flow reads here: events → keeper → loop → renderer, consent
 * gating each step, the bundle feeding the loop.
 */
export function wireParts(o: {
  config: EdgesegConfig;
  /** The config's fingerprint (`config/fingerprint.ts`): remembered with the visitor's decision. */
  fingerprint: string | null;
  platform: Platform;
  load: ChunkLoader;
  early: typeof earlyFetch | undefined;
  reporter: Reporter;
  emitter: Emitter<ClientEvents>;
  client: EdgesegClient;
  inert(): boolean;
  onTeardown(stop: () => void): void;
  /** Tells the other clients of this origin that the remembered consent changed. */
  announce(): void;
}): Parts {
  const { config, platform, reporter, emitter } = o;
  const ctx: ClientContext = { config, platform, load: o.load, reporter };
  const c = config.collect;
  const granted = (): boolean => gate.state().personalization === 'granted';
  let transition: Promise<unknown> = Promise.resolve();
  /**
   * Store transitions (open, wipe) run one at a time, in order, whoever asks (a consent
   * change, a remembered denial, `forget()`, another tab's `forget()`): a wipe waits for an
   * open still in flight (which then finds consent gone, or has finished), so no open can
   * land after the deletion.
   */
  const serially = (step: () => Promise<unknown>): Promise<void> => {
    const run = transition.then(step);
    transition = run.catch(() => {});
    return run.then(() => undefined);
  };
  const persist = (): boolean => granted() && config.storage !== 'memory';
  const key = createVisitorKey(platform.localStorage, persist);
  const guard = createLayoutGuard(ctx, { persist, emit: (trip) => emitter.emit('guardrail', trip) });
  o.onTeardown(guard.stop);
  const measuring: Measuring = createMeasuring(ctx, {
    consent: () => gate.state(),
    store: () => keeper.store(),
    bundle: () => bundles.prepared()?.bundle ?? null,
    assignment: () => loop.assignment(),
    emitter,
  });
  o.onTeardown(measuring.stop);
  const wipe = (): Promise<void> =>
    serially(() => {
      key.forget();
      guard.forget();
      measuring.forget();
      renderer.forgetExposures();
      return keeper.wipe();
    });
  const gate: ConsentGate = createConsentGate(ctx, {
    onTeardown: o.onTeardown,
    effects: {
      emit(state) {
        emitter.emit('consent', state);
        measuring.consent(state);
      },
      personalization: (on, chosenNow) =>
        on ? serially(() => keeper.open(chosenNow).then(() => bundles.save())) : wipe(),
      redecide: () => loop.decide(),
      announce: o.announce,
    },
  });
  const keeper: ProfileKeeper = createProfileKeeper(ctx, {
    reduce: {
      sessionTimeout: config.sessionTimeout * 60_000,
      halfLife: c.affinityHalfLife * 86_400_000,
      campaignSessions: c.campaignSessions,
    },
    granted,
    onCaps: (caps) => renderer.useCaps(caps),
    onOpened(stored) {
      // A bundle fetched before the store opened (first visit) is cached now; a decision
      // made without the stored profile is made again with it.
      void bundles.save();
      if (loop.decided() && stored) loop.rescore();
    },
  });
  const rescoreIfDecided = (): void => {
    if (loop.decided()) loop.rescore();
  };
  const pipeline = createEventPipeline(ctx, {
    keeper,
    owner: o.client,
    denied: () => gate.state().personalization === 'denied',
    inert: o.inert,
    onRecorded(event) {
      measuring.event(event);
      rescoreIfDecided();
    },
    onTeardown: o.onTeardown,
  });
  const bundles = createBundleLoading(ctx, {
    early: o.early,
    canCache: granted,
    opening: keeper.opening,
    store: keeper.store,
    // A refresh after the first decision re-decides at once (stale-while-revalidate).
    onBundle: rescoreIfDecided,
  });
  const loop: DecisionLoop = createDecisionLoop(ctx, {
    consent: gate.state,
    personalizing: gate.personalizing,
    profile: keeper.profile,
    engine: bundles.engine,
    key: key.get,
    prepared: bundles.prepared,
    capped: () => renderer.capped(),
    off: guard.off,
    guard: reporter.guard,
    emitSegment: (a) => emitter.emit('segment', a),
    emitDecision(d) {
      emitter.emit('decision', d);
      measuring.decision(d);
    },
    render: () => renderer.render(),
    stopHiding: () => renderer.stopHiding(),
    fingerprint: o.fingerprint,
  });
  const panels = createPanels(ctx, {
    client: o.client,
    inert: o.inert,
    snapshot: () => ({
      consent: { ...gate.state() },
      profile: keeper.profile(),
      assignment: loop.assignment(),
      bundle: bundles.prepared()?.bundle ?? null,
      decisions: [...loop.decisions().values()],
      storage: keeper.store()?.kind ?? 'none',
      features: config.consent.features,
      retention: config.retention,
      measurement: measuring.snapshot(),
    }),
  });
  const renderer: SlotRenderer = createSlotRenderer(ctx, {
    owner: o.client,
    assignment: loop.assignment,
    personalizing: gate.personalizing,
    hasModel: loop.hasModel,
    profile: keeper.profile,
    store: keeper.store,
    inert: o.inert,
    afterRender: panels.refresh,
    guard,
    onDecision(decision, changed) {
      loop.decisions().set(decision.slot, decision);
      measuring.decision(decision);
      if (changed) emitter.emit('decision', decision);
    },
  });
  return { gate, keeper, pipeline, bundles, loop, renderer, panels, measuring, wipe };
}
