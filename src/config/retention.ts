import type { Retention } from '../types/config';

/**
 * Retention when the config says nothing: enough raw events to audit a visit, bounded
 * bytes; a profile outlives 13 months without a visit no longer (the longest lifetime
 * EU regulators such as the CNIL accept for trackers); a bundle cache a month.
 */
export const DEFAULT_RETENTION: Retention = { maxEvents: 500, maxAgeDays: 30, profileDays: 395, bundleDays: 30 };
