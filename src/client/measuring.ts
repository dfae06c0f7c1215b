import { edgesegError } from '../lib/errors';
import { BEACON_DB } from '../store/beacon-db';
import type { Emitter } from '../lib/emitter';
import type { MeasureSession } from '../chunks/measure-contract';
import type { MeasurementSnapshot } from '../chunks/measure-contract';
import type { VisitorStore } from '../store/store';
import type { Bundle } from '../types/bundle';
import type { ClientEvents } from '../types/client';
import type { ConsentState } from '../types/consent';
import type { Assignment, Decision } from '../types/decision';
import type { EdgesegEvent } from '../types/event';
import type { ClientContext } from './context';

/** Calls waiting for the measure chunk at most; the oldest go first. */
const WAITING = 100;

/** The core's side of measurement: decisions and events in, the measure chunk loaded only when there is something to measure. */
export interface Measuring {
  decision(decision: Decision): void;
  event(event: EdgesegEvent): void;
  consent(state: ConsentState): void;
  /** Everything was erased: the ledger, and the beacon queue even when the chunk never loaded. */
  forget(): void;
  snapshot(): MeasurementSnapshot | null;
  stop(): void;
}

/**
 * Loads the measure chunk once the config has a `measurement` section or the bundle has
 * experiments or goals; until then calls wait (bounded). Nothing here sends anything.
 */
export function createMeasuring(
  ctx: ClientContext,
  o: {
    consent(): ConsentState;
    store(): VisitorStore | null;
    bundle(): Bundle | null;
    assignment(): Assignment;
    emitter: Emitter<ClientEvents>;
  },
): Measuring {
  const { config, platform, reporter, load } = ctx;
  let session: MeasureSession | null = null;
  let loading = false;
  const waiting: ((s: MeasureSession) => void)[] = [];
  const call = (run: (s: MeasureSession) => void): void => {
    if (session) return run(session);
    waiting.push(run);
    if (waiting.length > WAITING) waiting.shift();
    const b = o.bundle();
    if (loading || !(config.measurement || b?.experiments || b?.goals || b?.holdout)) return;
    loading = true;
    load('measure')
      .then((chunk) => {
        session = chunk.start({
          // consent, store, bundle and assignment as given (the emitter rides along unused).
          ...o,
          config,
          platform,
          emit: (name: keyof ClientEvents, payload: never) => o.emitter.emit(name, payload),
          report: (error) => reporter.report(error),
          loadBeacon: () => load('beacon'),
        });
        for (const run of waiting.splice(0)) reporter.guard(() => run(session as MeasureSession));
      })
      .catch((cause: unknown) =>
        reporter.report(
          edgesegError('measure_unavailable', 'edgeseg: the measure chunk could not be loaded', { cause }),
        ),
      );
  };
  return {
    decision: (d) => d.experiment && call((s) => s.decision(d)),
    event: (e) => call((s) => s.event(e)),
    consent: (state) => session?.consent(state),
    forget() {
      session?.forget();
      // Reports queued on an earlier page, when this page never loaded the chunk.
      try {
        if (!session) platform.indexedDB()?.deleteDatabase(BEACON_DB);
      } catch {
        /* no IndexedDB here: nothing was queued either */
      }
    },
    snapshot: () => session?.snapshot() ?? null,
    stop: () => session?.stop(),
  };
}
