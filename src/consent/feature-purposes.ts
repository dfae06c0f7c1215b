import type { FeaturePurposes } from '../types/config';
import type { ConsentState, Purpose } from '../types/consent';

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
