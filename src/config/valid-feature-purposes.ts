import { isSafeKey } from '../lib/safe-key';
import { PURPOSES, type Purpose } from '../types/consent';

/** Whether a `consent.features` value is well formed (checked by hand: `z.record` costs ~0.7 KB of the script tag). */
export function validFeaturePurposes(map: Record<string, unknown>): boolean {
  return Object.entries(map).every(
    ([key, purposes]) =>
      isSafeKey(key) && Array.isArray(purposes) && purposes.every((p) => PURPOSES.includes(p as Purpose)),
  );
}
