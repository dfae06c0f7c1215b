import type { Retention } from './store';

/** Retention when the config says nothing: enough raw events to audit a visit, bounded bytes. */
export const DEFAULT_RETENTION: Retention = { maxEvents: 500, maxAgeDays: 30 };

/** Milliseconds in a day. */
export const DAY = 86_400_000;

/** Events recorded before this time (epoch ms) have outlived `retention`. */
export function ageCutoff(retention: Retention, now: number): number {
  return now - retention.maxAgeDays * DAY;
}
