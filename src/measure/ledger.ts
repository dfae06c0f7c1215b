import type { Goal } from '../types/experiment';
import type { EdgesegEvent } from '../types/event';
import type { ArmRef } from '../types/measure';

/** Bounds of the ledger kept with the profile: the oldest entries go first. */
export const LEDGER_LIMITS = { experiments: 32, conversions: 100 } as const;

/** Default attribution window: a goal counts for the arms exposed in the 7 days before it. */
export const DEFAULT_ATTRIBUTION_DAYS = 7;

/**
 * What measurement keeps on the device (kv record `measure`, so `exportData()` shows it
 * and `forget()` erases it): the arm of each experiment with its exposure times, the last
 * conversions and the totals per goal. Bounded by {@link LEDGER_LIMITS}.
 */
export interface Ledger {
  exposures: Record<string, { arm: string; first: number; last: number; views: number }>;
  conversions: { goal: string; at: number; value?: number; arms: ArmRef[] }[];
  goals: Record<string, { count: number; value: number }>;
}

/** A ledger with nothing in it. */
export const emptyLedger = (): Ledger => ({ exposures: {}, conversions: [], goals: {} });

/** A stored ledger read back, or an empty one for anything else (an old or foreign record). */
export function asLedger(value: unknown): Ledger {
  const l = value as Partial<Ledger> | null | undefined;
  return l && typeof l === 'object' && l.exposures && Array.isArray(l.conversions) && l.goals
    ? (l as Ledger)
    : emptyLedger();
}

/** Counts one page-view exposure of `arm` of `experiment` at `at`. */
export function noteExposure(l: Ledger, experiment: string, arm: string, at: number): void {
  const known = l.exposures[experiment];
  if (known && known.arm === arm) {
    known.last = at;
    known.views++;
  } else l.exposures[experiment] = { arm, first: at, last: at, views: 1 };
  const ids = Object.keys(l.exposures);
  if (ids.length > LEDGER_LIMITS.experiments) {
    const oldest = ids.reduce((a, b) => ((l.exposures[a]?.last ?? 0) <= (l.exposures[b]?.last ?? 0) ? a : b));
    delete l.exposures[oldest];
  }
}

/** The arms exposed within `windowMs` before `now`: what a conversion at `now` is attributed to. */
export function activeArms(l: Ledger, now: number, windowMs: number): ArmRef[] {
  return Object.entries(l.exposures)
    .filter(([, e]) => e.last <= now && now - e.last <= windowMs)
    .map(([experiment, e]) => ({ experiment, arm: e.arm }));
}

/** Records a reached goal, attributed to `arms`. */
export function noteConversion(l: Ledger, goal: string, at: number, value: number | undefined, arms: ArmRef[]): void {
  const total = (l.goals[goal] ??= { count: 0, value: 0 });
  total.count++;
  total.value += value ?? 0;
  l.conversions.push(value === undefined ? { goal, at, arms } : { goal, at, value, arms });
  if (l.conversions.length > LEDGER_LIMITS.conversions) l.conversions.shift();
}

/**
 * The goals an event reaches, with their values: the event's name, the page type it
 * happened on (`pageType` of the latest page view), and the value property when numeric.
 */
export function reachedGoals(
  goals: readonly Goal[],
  event: EdgesegEvent,
  pageType: string | null,
): { goal: string; value?: number }[] {
  const out: { goal: string; value?: number }[] = [];
  for (const g of goals) {
    if (g.event !== event.name || (g.pageType && g.pageType !== pageType)) continue;
    const v = g.value ? event.props[g.value] : undefined;
    out.push(typeof v === 'number' && Number.isFinite(v) ? { goal: g.id, value: v } : { goal: g.id });
  }
  return out;
}
