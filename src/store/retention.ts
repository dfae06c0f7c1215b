import type { Retention } from './store';

/**
 * Retention when the config says nothing: enough raw events to audit a visit, bounded
 * bytes; a profile outlives 13 months without a visit no longer (the longest lifetime
 * EU regulators such as the CNIL accept for trackers); a bundle cache a month.
 */
export const DEFAULT_RETENTION: Retention = { maxEvents: 500, maxAgeDays: 30, profileDays: 395, bundleDays: 30 };

/** Milliseconds in a day. */
export const DAY = 86_400_000;

/** Events recorded before this time (epoch ms) have outlived `retention`. */
export function ageCutoff(retention: Retention, now: number): number {
  return now - retention.maxAgeDays * DAY;
}
