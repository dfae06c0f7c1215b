/**
 * The interfaces between the core and the measure and beacon chunks. They stay with the
 * stage that implements them (as `VisitorStore` in store/); the chunk contract re-exports them.
 */
import type { VisitorStore } from '../store/store';
import type { Bundle } from '../types/bundle';
import type { EdgesegConfig } from '../types/config';
import type { ConsentState } from '../types/consent';
import type { Assignment, Decision } from '../types/decision';
import type { EdgesegError } from '../types/error';
import type { EdgesegEvent } from '../types/event';
import type { Conversion, Exposure, PageViewReport } from '../types/measure';
import type { Ledger } from './ledger';
import type { Platform } from '../lib/platform';

/** What the core gives the measure chunk. */
export interface MeasureHost {
  config: EdgesegConfig;
  platform: Platform;
  consent(): ConsentState;
  /** The open visitor store (personalization granted), or `null`: the ledger then stays in memory. */
  store(): VisitorStore | null;
  bundle(): Bundle | null;
  /** The visitor's current assignment: its distances give the report's `distanceBand`. */
  assignment(): Assignment;
  emit(name: 'exposure', payload: Exposure): void;
  emit(name: 'conversion', payload: Conversion): void;
  report(error: EdgesegError): void;
  /** Loads the beacon chunk (only once `measurement` is granted and a beacon URL is configured). */
  loadBeacon(): Promise<{ start(host: BeaconHost): Beacon }>;
}

/** A started measurement: the core feeds it decisions, events and consent changes. */
export interface MeasureSession {
  /** A slot rendered (or `personalize()` returned) a decision with an experiment arm. */
  decision(decision: Decision): void;
  /** An event was recorded (page views start a new page view; goals become conversions). */
  event(event: EdgesegEvent): void;
  /** Consent changed: outbound measurement starts, or stops and its queue is erased. */
  consent(state: ConsentState): void;
  /** Everything was erased (`forget()`, consent withdrawn): the ledger and the beacon queue too. */
  forget(): void;
  /** What the overlay shows. */
  snapshot(): MeasurementSnapshot;
  stop(): void;
}

/** What the measure chunk gives the beacon. */
export interface BeaconHost {
  url: string;
  batchSize: number;
  flushInterval: number;
  maxQueue: number;
  /** Randomized response on conversion bits with this ε; off when absent. */
  epsilon?: number | undefined;
  vitals: boolean;
  platform: Platform;
  /** Closes the current page view's report (the page is hidden or left). */
  closePage(): PageViewReport | null;
  report(error: EdgesegError): void;
}

/** A running beacon. */
export interface Beacon {
  /** Queues a finished page-view report (randomized first when ε is set). */
  add(report: PageViewReport): void;
  /** Keeps the open report of this page view in the queue, unsent, so it survives the page dying. */
  hold(report: PageViewReport): void;
  /** Sends what is queued now. */
  flush(): void;
  /** Erases the queue (consent withdrawn) and stops. */
  purge(): Promise<void>;
  stop(): void;
}

/** What the overlay shows of measurement: the ledger and this page view. */
export interface MeasurementSnapshot {
  ledger: Ledger;
  page: { exposed: Exposure[] };
}
