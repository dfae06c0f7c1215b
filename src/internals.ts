/**
 * `edgeseg/engine`: the engine's building blocks for Node and tooling (the CLI, benches,
 * offline scoring): bundle validation and signatures, the feature catalogue, the profile
 * reducer, centroid scoring, slot decisions. Apps personalizing a page import `edgeseg`
 * instead, whose client loads these parts lazily.
 *
 * ```ts
 * import { prepareBundle, assign } from 'edgeseg/engine';
 * ```
 */
import engine from './chunks/engine';

export { engine };
export { validateBundle, parseBundleText } from './bundle/validate-bundle';
export { BUNDLE_FORMAT, BUNDLE_LIMITS } from './bundle/schema';
export { computeFeatures, transformFeature } from './features/compute-features';
export { resolveFeature } from './features/catalogue';
export { featureContext, pageGroupIndex, type FeatureContext } from './features/context';
export { applyEvent, reduceProfile, createFold, type FoldProfile, type ReduceOptions } from './profile/reduce';
export { emptyProfile, upgradeProfile } from './profile/empty';
export { assign } from './score/assign';
export { createScorer, prepareBundle, type PreparedBundle, type Scorer } from './score/prepare-bundle';
export { argmin, centroidDistances, packCentroids, softmaxConfidence, type PackedCentroids } from './score/centroid';
export { verifyBundleSignature, type BundleSignature } from './bundle/signature';
export { canonicalize, signedBytes } from './bundle/canonical';
export { unassigned } from './score/unassigned';
export { decideSlot } from './decide/decide-slot';
export * from './index';
