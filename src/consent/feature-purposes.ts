import { isSafeKey } from '../lib/safe-key';
import { PURPOSES, type ConsentState, type Purpose } from '../types/consent';

/**
 * `consent.features`: which purposes a feature needs on top of `personalization`, by
 * feature name or by a prefix of it at a dot (`trait`, `session.pages`, `trait.tier`).
 * A privacy officer can say, for example, that CRM traits are only used with
 * `measurement` consent as well: `{ "trait": ["measurement"] }`.
 */
export type FeaturePurposes = Record<string, Purpose[]>;

/** Whether a `consent.features` value is well formed (checked by hand: `z.record` costs ~0.7 KB of the script tag). */
export function validFeaturePurposes(map: Record<string, unknown>): boolean {
  return Object.entries(map).every(
    ([key, purposes]) =>
      isSafeKey(key) && Array.isArray(purposes) && purposes.every((p) => PURPOSES.includes(p as Purpose)),
  );
}

/**
 * The features withheld under `state`, as a predicate for the feature context, or
 * `undefined` when nothing is withheld. The most specific listed name decides:
 * `session.pages.product` looks up itself, then `session.pages`, then `session`. A
 * withheld feature reads as "no value", so the bundle's imputation stands in for it,
 * exactly as for a visitor who never produced that signal.
 */
export function withheldFeatures(
  map: FeaturePurposes | undefined,
  state: ConsentState,
): ((name: string) => boolean) | undefined {
  if (!map || Object.values(map).every((purposes) => purposes.every((p) => state[p] === 'granted'))) return undefined;
  return (name) => {
    for (let key = name; ; key = key.slice(0, key.lastIndexOf('.'))) {
      if (Object.hasOwn(map, key)) return (map[key] as Purpose[]).some((p) => state[p] !== 'granted');
      if (!key.includes('.')) return false;
    }
  };
}
