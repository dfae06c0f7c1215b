import { CONSENT_KEY } from '../consent/consent-record';

/**
 * Listens to the page's lifecycle: on `pagehide` or when the page is hidden, what is
 * held in memory is written (there may be no later); when another tab changes or erases
 * the visitor's consent record, `onConsentRecord` follows it, so a revoke or `forget()`
 * anywhere stops this tab too (it would otherwise write the database again).
 * Returns the function that removes the listeners.
 */
export function listenToPage(win: Window, doc: Document, on: { leave(): void; consentRecord(): void }): () => void {
  const onVisibility = (): void => {
    if (doc.visibilityState === 'hidden') on.leave();
  };
  const onStorage = (event: StorageEvent): void => {
    if (event.key === CONSENT_KEY || event.key === null) on.consentRecord();
  };
  win.addEventListener('pagehide', on.leave);
  win.addEventListener('storage', onStorage);
  doc.addEventListener('visibilitychange', onVisibility);
  return () => {
    win.removeEventListener('pagehide', on.leave);
    win.removeEventListener('storage', onStorage);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
