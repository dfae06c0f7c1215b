import type { Retention } from '../types/config';

/** Milliseconds in a day. */
export const DAY = 86_400_000;

/** Events recorded before this time (epoch ms) have outlived `retention`. */
export function ageCutoff(retention: Retention, now: number): number {
  return now - retention.maxAgeDays * DAY;
}
