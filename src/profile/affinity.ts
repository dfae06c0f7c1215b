import type { Profile } from '../types/profile';
import { PROFILE_LIMITS } from './empty';
import { isSafeKey } from '../lib/safe-key';

/** Weights of the signals behind a category's affinity: a purchase says more than a look. */
export const AFFINITY_WEIGHTS = { view: 1, cart: 3, purchase: 5 } as const;

/** `s` decayed from `from` to `to` with half-life `halfLife` ms (never grows when the clock runs back). */
export function decayed(s: number, from: number, to: number, halfLife: number): number {
  return to <= from || halfLife <= 0 ? s : s * Math.pow(2, -(to - from) / halfLife);
}

/** The affinity of `category` at time `now`; 0 when the visitor has none. */
export function affinityAt(profile: Profile, category: string, now: number): number {
  const a = Object.hasOwn(profile.affinity, category) ? profile.affinity[category] : undefined;
  return a ? decayed(a.s, a.t, now, profile.halfLife) : 0;
}

/** The category with the highest affinity at `now`, or `undefined` for none. */
export function topCategory(profile: Profile, now: number): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  for (const key of Object.keys(profile.affinity)) {
    const s = affinityAt(profile, key, now);
    if (s > bestScore) [best, bestScore] = [key, s];
  }
  return best;
}

/**
 * Adds `weight` to each category in `value` (one name, or several joined by `|`). A full
 * map makes room by dropping its weakest entry when that one is weaker than the newcomer.
 */
export function addAffinity(profile: Profile, value: unknown, weight: number, t: number): void {
  if (typeof value !== 'string') return;
  const map = profile.affinity;
  for (const raw of value.split('|', 8)) {
    const category = raw.trim().slice(0, 64);
    if (!isSafeKey(category)) continue;
    const current = Object.hasOwn(map, category) ? map[category] : undefined;
    if (current) {
      current.s = decayed(current.s, current.t, t, profile.halfLife) + weight;
      current.t = Math.max(current.t, t);
      continue;
    }
    const keys = Object.keys(map);
    if (keys.length >= PROFILE_LIMITS.categories) {
      let weakest = keys[0] as string;
      for (const key of keys) if (affinityAt(profile, key, t) < affinityAt(profile, weakest, t)) weakest = key;
      if (affinityAt(profile, weakest, t) >= weight) continue;
      delete map[weakest];
    }
    map[category] = { s: weight, t };
  }
}
