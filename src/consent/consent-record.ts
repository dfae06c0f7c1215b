import type { ConsentState } from '../types/consent';

/**
 * The one key edgeseg writes after a denial: the visitor's own choice, so it is honoured
 * on the next page. Written only when the visitor (or the site on their behalf) chooses.
 */
export const CONSENT_KEY = 'edgeseg:consent';

export interface ConsentRecord {
  v: 1;
  /** Epoch ms of the choice. */
  t: number;
  source: string;
  purposes: ConsentState;
}

/** Reads the stored choice; `null` when absent, unreadable or storage is blocked. */
export function readConsentRecord(storage: Storage | null): ConsentRecord | null {
  try {
    const raw = storage?.getItem(CONSENT_KEY);
    if (!raw) return null;
    const record = JSON.parse(raw) as ConsentRecord;
    return record && record.v === 1 && typeof record.purposes === 'object' ? record : null;
  } catch {
    return null;
  }
}

/** Stores the choice. Returns false where storage is blocked (the choice then lasts for this page). */
export function writeConsentRecord(storage: Storage | null, record: ConsentRecord): boolean {
  try {
    storage?.setItem(CONSENT_KEY, JSON.stringify(record));
    return !!storage;
  } catch {
    return false;
  }
}

export function removeConsentRecord(storage: Storage | null): void {
  try {
    storage?.removeItem(CONSENT_KEY);
  } catch {
    /* storage blocked: nothing of ours is there either */
  }
}
