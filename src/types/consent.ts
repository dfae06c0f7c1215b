/** Purposes edgeseg asks consent for. `personalization` covers profile, scoring and swaps. */
export type Purpose = 'personalization' | 'measurement';

export type ConsentStatus = 'granted' | 'denied' | 'pending';

/** Consent per purpose. */
export type ConsentState = Record<Purpose, ConsentStatus>;

/** What `consent.set()` takes: a boolean or a status per purpose; omitted purposes keep theirs. */
export type ConsentChoice = Partial<Record<Purpose, boolean | ConsentStatus>>;

export const PURPOSES: readonly Purpose[] = ['personalization', 'measurement'];

/** The lazy `consent` chunk: the consent-manager adapters. */
export interface ConsentSources {
  /**
   * Starts the configured and detected sources; `listener` hears their combined opinion
   * (`null`: no source has one) after every change. Returns the function that stops them.
   * `clock` is the platform's (pass the platform: Consent Mode's `wait_for_update` and the
   * wait for late consent managers run on it); the global one when absent.
   */
  watch(
    win: Window,
    config: import('../consent/config-schema').ConsentConfig,
    listener: (opinion: Partial<ConsentState> | null, source: string) => void,
    onError: (error: import('../lib/errors').EdgesegError) => void,
    clock?: import('../lib/platform').Clock,
  ): () => void;
}
