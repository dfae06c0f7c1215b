/** Purposes edgeseg asks consent for. `personalization` covers profile, scoring and swaps. */
export type Purpose = 'personalization' | 'measurement';

export type ConsentStatus = 'granted' | 'denied' | 'pending';

/** Consent per purpose. */
export type ConsentState = Record<Purpose, ConsentStatus>;

/** What `consent.set()` takes: a boolean or a status per purpose; omitted purposes keep theirs. */
export type ConsentChoice = Partial<Record<Purpose, boolean | ConsentStatus>>;

export const PURPOSES: readonly Purpose[] = ['personalization', 'measurement'];
