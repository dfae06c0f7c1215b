/**
 * The collect chunk (`dist/edgeseg.collect.mjs`): the DOM collectors (SPA page views,
 * clicks, scroll depth, engaged time, campaign and context) and the profile reducer.
 * Loaded at start; events recorded before it arrives wait in the core's memory buffer.
 */
import { startCollectors } from '../collect/start';
import { flattenItems } from '../collect/flatten-items';
import { emptyProfile } from '../profile/empty';
import { applyEvent, createFold } from '../profile/reduce';
import type { CollectChunk } from './collect-contract';

const collect: CollectChunk = {
  start: startCollectors,
  fold: createFold,
  apply: applyEvent,
  empty: emptyProfile,
  flatten: flattenItems,
};

export default collect;
