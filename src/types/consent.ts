/** Purposes edgeseg asks consent for. `personalization` covers profile, scoring and swaps. */
export type Purpose = 'personalization' | 'measurement';

export type ConsentStatus = 'granted' | 'denied' | 'pending';

/** Consent per purpose. */
export type ConsentState = Record<Purpose, ConsentStatus>;

/** What `consent.set()` takes: a boolean or a status per purpose; omitted purposes keep theirs. */
export type ConsentChoice = Partial<Record<Purpose, boolean | ConsentStatus>>;

export const PURPOSES: readonly Purpose[] = ['personalization', 'measurement'];

/** The stored record of consent (localStorage `edgeseg:consent`): the visitor's own choice and the receipts. */
export interface ConsentRecord {
  v: 1;
  /** Epoch ms of the choice. */
  t: number;
  source: string;
  /** The visitor's own choice (`consent.set`/`revoke`); absent when only receipts are kept. */
  purposes?: ConsentState;
  /** Consent receipts, oldest first (see {@link ConsentReceipt}). */
  receipts?: ConsentReceipt[];
}

/** One entry of the local consent log: kept on the device, never sent anywhere. */
export interface ConsentReceipt {
  /** Epoch ms of the change. */
  t: number;
  /** The source that changed it: `manual`, `tcf`, `gpp`, `consentMode`, `gpc`, `onetrust`, `cookiebot`, `klaro`. */
  source: string;
  /** The resulting state per purpose. */
  purposes: ConsentState;
  /** `consent.version` of the config in force, or null. */
  config: string | null;
}
