import { randomId } from '../lib/id';
import type { StorageDeclaration } from '../types/privacy';

/** localStorage key of the visitor key experiments bucket by. */
export const VISITOR_KEY = 'edgeseg:key';

/** The privacy manifest's entry for {@link VISITOR_KEY}. */
export const VISITOR_KEY_DECLARATION: StorageDeclaration = {
  holds:
    'a random visitor key that experiments and the holdout assign arms by, so the arm stays the same across pages; never sent',
  category: 'technical',
  purpose: 'personalization',
  bound: 'one random id',
  retention: 'erased at once when personalization is denied or withdrawn, and by forget()',
};

/** The random key experiments bucket a visitor by (never sent anywhere). */
export interface VisitorKey {
  /** The key: the stored one, else this page's; stored when `persist()` allows. */
  get(): string;
  /** Everything was erased: the next key is a new one. */
  forget(): void;
}

/**
 * A random key, kept in localStorage beside the last assignment when consent allows
 * storing (so arms stay the same across reloads and tabs); otherwise it lives as long as
 * this page. The stored key wins over this page's, so two tabs settle on one.
 */
export function createVisitorKey(storage: () => Storage | null, persist: () => boolean): VisitorKey {
  let key: string | null = null;
  return {
    get() {
      const s = storage();
      try {
        key = s?.getItem(VISITOR_KEY) || key || randomId();
        if (persist() && s?.getItem(VISITOR_KEY) !== key) s?.setItem(VISITOR_KEY, key);
      } catch {
        key ??= randomId();
      }
      return key;
    },
    forget: () => void (key = null),
  };
}
