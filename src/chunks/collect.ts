/**
 * The collect chunk (`dist/edgeseg.collect.mjs`): the DOM collectors (SPA page views,
 * clicks, scroll depth, engaged time, campaign and context), the profile reducer and the
 * layout-shift guardrail's observer.
 * Loaded at start; events recorded before it arrives wait in the core's memory buffer.
 */
import { startCollectors } from '../collect/start';
import { flattenItems } from '../collect/flatten-items';
import { emptyProfile } from '../profile/empty';
import { applyEvent, createFold } from '../profile/reduce';
import { watchShifts } from '../render/shift-guard';
import type { CollectChunk } from './collect-contract';

const collect: CollectChunk = {
  start: startCollectors,
  fold: createFold,
  apply: applyEvent,
  empty: emptyProfile,
  flatten: flattenItems,
  watchShifts,
};

export default collect;
