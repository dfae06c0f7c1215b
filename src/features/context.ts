import type { Bundle } from '../types/bundle';
import { isSafeKey } from '../lib/safe-key';

/** What features can see besides the profile: the moment and the page groups of the bundle. */
export interface FeatureContext {
  /** Epoch milliseconds of the decision. */
  now: number;
  /** Local weekday of `now`, 0 = Sunday (from the injected clock, so tests control it). */
  weekday: number;
  pageGroups: Record<string, string[]>;
  /** Features the consent configuration withholds (`consent.features`): they read as no value. */
  withheld?: ((name: string) => boolean) | undefined;
}

/**
 * A bundle's page groups by name, as features read them. Names that could reach
 * `Object.prototype` are dropped, the same way for a prepared bundle and for training.
 */
export function pageGroupIndex(groups: Bundle['pageGroups']): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of groups ?? []) if (isSafeKey(group.name)) out[group.name] = group.types;
  return out;
}

/**
 * The context features are resolved in at time `now` (epoch ms): its local weekday, the
 * bundle's page groups (from {@link pageGroupIndex}) and the features consent withholds.
 * The one constructor of it: browser scoring, the debug overlay, CLI training and the
 * spec runner all call it, so a bundle trained offline sees visitors as serving does.
 */
export function featureContext(
  now: number,
  pageGroups: Record<string, string[]>,
  withheld?: (name: string) => boolean,
): FeatureContext {
  return { now, weekday: new Date(now).getDay(), pageGroups, withheld };
}
