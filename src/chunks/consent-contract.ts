import type { ConsentConfig } from '../types/config';
import type { ConsentState } from '../types/consent';
import type { EdgesegError } from '../types/error';

/** The lazy `consent` chunk (`src/chunks/consent.ts`): the consent-manager adapters. */
export interface ConsentSources {
  /**
   * Starts the configured and detected sources; `listener` hears their combined opinion
   * (`null`: no source has one) after every change. Returns the function that stops them.
   */
  watch(
    win: Window,
    config: ConsentConfig,
    listener: (opinion: Partial<ConsentState> | null, source: string) => void,
    onError: (error: EdgesegError) => void,
  ): () => void;
}
