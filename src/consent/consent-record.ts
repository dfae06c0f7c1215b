import type { ConsentReceipt, ConsentRecord, ConsentState } from '../types/consent';
import type { StorageDeclaration } from '../types/privacy';

/**
 * The one key edgeseg writes after a denial: the visitor's own choice, so it is honoured
 * on the next page. Written only when the visitor (or the site on their behalf) chooses.
 */
export const CONSENT_KEY = 'edgeseg:consent';

/** The privacy manifest's entry for {@link CONSENT_KEY}, with the site's `consent.receipts`. */
export function consentRecordDeclaration(receipts: number): StorageDeclaration {
  return {
    holds:
      'the visitor\'s own consent choice per purpose (made through the site\'s banner or the "why" widget) and consent receipts: time, source, resulting state, policy version',
    category: 'consent',
    purpose: null,
    bound: `one choice and the newest ${receipts} receipts`,
    retention:
      'kept after a refusal or withdrawal (it is what makes the refusal last); erased by forget() ("Erase my data")',
  };
}

/**
 * Appends a receipt to the record unless it repeats the last one, keeping the newest
 * `max`. Also updates the visitor's own choice when `choice` is given.
 */
export function saveConsent(
  storage: Storage | null,
  now: number,
  receipt: ConsentReceipt | null,
  max: number,
  choice?: ConsentState,
): void {
  const record: ConsentRecord = readConsentRecord(storage) ?? { v: 1, t: now, source: 'receipts' };
  if (choice) Object.assign(record, { t: now, source: 'manual', purposes: choice });
  const log = record.receipts ?? [];
  const last = log[log.length - 1];
  if (
    receipt &&
    max > 0 &&
    JSON.stringify(last?.purposes) + last?.source !== JSON.stringify(receipt.purposes) + receipt.source
  )
    log.push(receipt);
  record.receipts = max > 0 ? log.slice(-max) : [];
  if (choice || record.receipts.length) writeConsentRecord(storage, record);
}

/** Reads the stored choice; `null` when absent, unreadable or storage is blocked. */
export function readConsentRecord(storage: Storage | null): ConsentRecord | null {
  try {
    const raw = storage?.getItem(CONSENT_KEY);
    if (!raw) return null;
    const record = JSON.parse(raw) as ConsentRecord;
    return record && record.v === 1 && typeof record === 'object' ? record : null;
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

/** Prefix of every localStorage key edgeseg writes. */
export const KEY_PREFIX = 'edgeseg:';

/**
 * Removes our localStorage keys: all of them, or all but the consent record (a
 * revocation keeps the record of the choice, `forget()` does not).
 */
export function removeOurKeys(storage: Storage | null, keepConsent: boolean): void {
  try {
    if (!storage) return;
    const ours: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(KEY_PREFIX) && !(keepConsent && key === CONSENT_KEY)) ours.push(key);
    }
    for (const key of ours) storage.removeItem(key);
  } catch {
    /* storage blocked: nothing of ours is there either */
  }
}
