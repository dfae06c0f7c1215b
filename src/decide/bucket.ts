/**
 * Deterministic bucketing, the same hash as GrowthBook's v2: FNV-1a 32 of `seed + key`,
 * hashed again as a decimal string, mod 10 000, over 10 000. A visitor key and a seed
 * always give the same number in [0, 1), in every browser and in Node.
 */
import { fnv1a32 } from '../lib/fnv1a32';

/** The bucket of `key` under `seed`, in [0, 1) with four decimals (GrowthBook hash v2). */
export function bucketOf(seed: string, key: string): number {
  return (fnv1a32(String(fnv1a32(seed + key))) % 10_000) / 10_000;
}

/**
 * The index of the arm `n` falls in, or -1 outside the traffic share. As GrowthBook's
 * bucket ranges: arm i owns `[start_i, start_i + traffic × share_i)` where `start_i` is
 * the sum of the earlier arms' shares, so raising the traffic share keeps every visitor
 * already in the experiment in the same arm.
 */
export function pickArm(n: number, weights: readonly number[], traffic = 1): number {
  const total = weights.reduce((a, w) => a + w, 0);
  let start = 0;
  for (let i = 0; i < weights.length; i++) {
    const share = (weights[i] as number) / total;
    if (n >= start && n < start + share * traffic) return i;
    start += share;
  }
  return -1;
}
