import type { Timers } from '../lib/platform';
import type { CollectConfig } from '../types/config';
import type { EdgesegError } from '../types/error';
import type { PropValue } from '../types/event';

/** What the collectors get from the client: the page, the config, and the public methods to record with. */
export interface CollectHost {
  window: Window;
  document: Document;
  config: CollectConfig;
  now(): number;
  /** The platform's timers (pass the platform), for the SPA settle delay; the global ones when absent. */
  timers?: Timers | undefined;
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
