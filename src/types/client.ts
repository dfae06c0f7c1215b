import type { EdgesegConfigInput } from './config';
import type { EdgesegError } from './error';
import type { ConsentChoice, ConsentRecord, ConsentState } from './consent';
import type { Assignment, Decision } from './decision';
import type { EdgesegEvent, EventProps } from './event';
import type { GuardrailTrip } from './guardrail';
import type { Conversion, Exposure } from './measure';
import type { Profile } from './profile';

/** Payloads of the events `on()` subscribes to. */
export interface ClientEvents {
  /** The visitor's assignment changed (also fired once after the first decision). */
  segment: Assignment;
  /** A slot's decision changed, or `personalize()` was called. */
  decision: Decision;
  /** Consent changed for some purpose. */
  consent: ConsentState;
  /** Something failed softly; the page keeps its default content. */
  error: EdgesegError;
  /** An experiment arm was rendered (once per page view and experiment); only with `measurement` consent. */
  exposure: Exposure;
  /** A goal was reached; only with `measurement` consent. */
  conversion: Conversion;
  /** A variant's swaps shifted the layout past the guardrail: it is switched off for this visitor. */
  guardrail: GuardrailTrip;
}

/** The names `on()` accepts: a misspelt one (`'segmnet'`) is a type error. */
export type ClientEventName = keyof ClientEvents;

/** What `exportData()` returns: everything edgeseg keeps about the visitor. */
export interface ExportedData {
  format: 'edgeseg-export/1';
  exportedAt: string;
  consent: { state: ConsentState; record: ConsentRecord | null };
  profile: Profile | null;
  events: EdgesegEvent[];
  /** The named records stored beside the profile: `bundle` (cache, by version), `caps` (exposure counts), `measure` (exposures, conversions), `guardrail` (switched-off variants). */
  records: Record<string, unknown>;
  segment: Assignment;
  bundle: { id: string | null; version: number } | null;
  storage: 'indexeddb' | 'memory' | 'none';
}

/** The consent API a privacy officer or a consent banner calls. */
export interface ConsentApi {
  /** Current status per purpose. */
  get(): ConsentState;
  /**
   * Records the visitor's choice (manual source), e.g. `{ personalization: true }`.
   * Remembered across page loads. Resolves once storage reflects it.
   */
  set(choice: ConsentChoice): Promise<void>;
  /** Withdraws everything: stops collection, wipes stored data, restores default content. */
  revoke(): Promise<void>;
}

/** The edgeseg client: `window.edgeseg` after the script loads, or `createClient()`. */
export interface EdgesegClient {
  /** Starts the SDK. The script tag calls it with the tag's config; a second call is ignored. */
  init(config?: EdgesegConfigInput): Promise<void>;
  /** Resolves once the first decision pass is done, or failed soft. Never rejects. */
  readonly ready: Promise<void>;
  /**
   * Records an event, e.g. `track('add_to_cart', { value: 12.5 })`. Properties are flat
   * (string, number, boolean, null) plus a commerce `items` list; a nested object is a
   * type error and, at run time, an `event_invalid` error naming the property.
   */
  track(name: string, props?: EventProps): void;
  /** Records a page view (done automatically on load). */
  page(props?: EventProps): void;
  /** Records first-party traits such as a loyalty tier. Do not pass personal data. */
  identify(traits: EventProps): void;
  /** The current assignment; `id` is `null` when unassigned. */
  segment(): Promise<Assignment>;
  /** The decision for a slot. */
  personalize(slot: string): Promise<Decision>;
  /**
   * The value for the visitor's segment from `variants` (keyed by segment id), or its
   * `default`: with a `default`, the promise always has a value.
   */
  personalize<T>(slot: string, variants: Record<string, T> & { default: T }): Promise<T>;
  /** The value for the visitor's segment from `variants`, or `undefined` when none fits and there is no `default`. */
  personalize<T>(slot: string, variants: Record<string, T>): Promise<T | undefined>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends ClientEventName>(event: K, listener: (payload: ClientEvents[K]) => void): () => void;
  readonly consent: ConsentApi;
  /** A JSON-serialisable copy of everything stored about the visitor. */
  exportData(): Promise<ExportedData>;
  /** Erases everything stored about the visitor, including the consent choice. */
  forget(): Promise<void>;
  /**
   * Stops this client: unsaved events are written, listeners, observers, consent-manager
   * watchers and panels are removed, and its slots keep their content but are released
   * to another client. Later calls to any method do nothing. For SPAs that unmount the
   * SDK and for tests.
   */
  destroy(): void;
}
