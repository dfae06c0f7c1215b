import type { Clock } from '../lib/platform';
import type { ConsentConfig } from '../types/config';
import type { ConsentState } from '../types/consent';
import type { EdgesegError } from '../types/error';

/** The lazy `consent` chunk (`src/chunks/consent.ts`): the consent-manager adapters. */
export interface ConsentSources {
  /**
   * Starts the configured and detected sources; `listener` hears their combined opinion
   * (`null`: no source has one) after every change, with the source that changed it and
   * whether that source had answered before on this page (`again`: then its answer is a
   * choice the visitor made now, not the state it stored earlier). Returns the function that stops them.
   * `clock` is the platform's (pass the platform: Consent Mode's `wait_for_update` and the
   * wait for late consent managers run on it); the global one when absent.
   */
  watch(
    win: Window,
    config: ConsentConfig,
    listener: (opinion: Partial<ConsentState> | null, source: string, again: boolean) => void,
    onError: (error: EdgesegError) => void,
    clock?: Clock,
  ): () => void;
}
