/**
 * The profile reducer moved to `src/profile/` (it ships in the lazy `collect` chunk);
 * these names stay importable from here for the store and older imports.
 */
export { applyEvent, cloneProfile, createFold, reduceProfile, type FoldProfile, type ReduceOptions } from '../profile/reduce';
export { emptyProfile, upgradeProfile, PROFILE_LIMITS, UNKNOWN_PAGE_TYPE } from '../profile/empty';
