import type { CollectConfig } from '../config/collect-schema';
import type { EdgesegError } from '../lib/errors';
import type { FoldProfile, ReduceOptions } from '../profile/reduce';
import type { EdgesegEvent, PropValue } from './event';
import type { Profile } from './profile';
import type { FlattenArray } from '../collect/normalize-event';

/** What the collectors get from the client: the page, the config, and the public methods to record with. */
export interface CollectHost {
  window: Window;
  document: Document;
  config: CollectConfig;
  now(): number;
  /** The platform's timers (pass the platform), for the SPA settle delay; the global ones when absent. */
  timers?: import('../lib/platform').Timers | undefined;
  /** Records a page view (the client's `page()`, so consent and normalisation apply). */
  page(): void;
  /** Records an event (the client's `track()`). */
  track(name: string, props: Record<string, PropValue>): void;
  report(error: EdgesegError): void;
}

/** The running DOM collectors. */
export interface Collectors {
  /** Automatic properties of the page view being recorded; ends the previous page (engaged time, scroll depth). */
  beginPage(): Record<string, PropValue>;
  /** Records the engaged time not yet recorded (the page is being hidden or left). */
  flush(): void;
  stop(): void;
}

/**
 * The lazily loaded `collect` chunk: the DOM collectors and the profile reducer. The
 * script-tag core keeps only the public methods, event normalisation and the memory buffer.
 */
export interface CollectChunk {
  start(host: CollectHost): Collectors;
  /** The reducer with its options bound (what the store folds each batch with). */
  fold(options: ReduceOptions): FoldProfile;
  /** Folds one event in place (the live profile). */
  apply(profile: Profile, event: EdgesegEvent, options: ReduceOptions): Profile;
  empty(t: number, halfLife?: number): Profile;
  /** Flattens commerce `items` for the core's event normalisation. */
  flatten: FlattenArray;
}
