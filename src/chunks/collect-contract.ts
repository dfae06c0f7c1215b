import type { Collectors, CollectHost } from '../collect/collect-host';
import type { FlattenArray } from '../collect/normalize-event';
import type { FoldProfile, ReduceOptions } from '../profile/reduce';
import type { EdgesegEvent } from '../types/event';
import type { ShiftGuard, ShiftGuardHost, Swap } from '../render/shift-guard';
import type { Profile } from '../types/profile';

export type { Collectors, CollectHost, ShiftGuard, ShiftGuardHost, Swap };

/**
 * The lazily loaded `collect` chunk (`src/chunks/collect.ts`): the DOM collectors, the
 * profile reducer and the layout-shift guardrail's observer. The script-tag core keeps only the public methods, event
 * normalisation and the memory buffer.
 */
export interface CollectChunk {
  start(host: CollectHost): Collectors;
  /** The reducer with its options bound (what the store folds each batch with). */
  fold(options: ReduceOptions): FoldProfile;
  /** Folds one event in place (the live profile). */
  apply(profile: Profile, event: EdgesegEvent, options: ReduceOptions): Profile;
  empty(t: number, halfLife?: number): Profile;
  /** Flattens commerce `items` for the core's event normalisation; any other nested property throws `event_invalid`. */
  flatten: FlattenArray;
  /** The layout-shift guardrail's observer (`null` where the browser reports no layout shifts). */
  watchShifts(host: ShiftGuardHost, swaps: readonly Swap[]): ShiftGuard | null;
}
