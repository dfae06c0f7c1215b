import { pageGroupIndex } from '../features/context';
import type { Bundle, SegmentMeta } from '../types/bundle';
import type { NetRunner } from '../types/net';
import { packCentroids, type PackedCentroids } from './centroid';

/**
 * A validated bundle made ready for repeated scoring: centroids packed once, page groups
 * indexed, inputs labelled for explanations, and its network once the tfjs chunk has built
 * it. The engine hands it to the core, which only passes it back to `engine.score`.
 */
export interface PreparedBundle {
  bundle: Bundle;
  packed: PackedCentroids;
  pageGroups: Record<string, string[]>;
  /** The segments that own a centroid row, in row order (rule-only ones left out). */
  modelSegments: SegmentMeta[];
  /** Per model input before projection: its feature name and words for explanations. */
  inputs: { feature: string; label: string }[];
  /** The bundle's `tfjs` network, once loaded; without it scoring has no propensities. */
  net?: NetRunner;
}

/** Prepares a validated bundle for scoring (the network, if any, is added once loaded). */
export function prepareBundle(bundle: Bundle): PreparedBundle {
  const inputs: PreparedBundle['inputs'] = [];
  for (const spec of bundle.features) {
    const label = spec.label ?? spec.name;
    if (spec.categories) for (const c of spec.categories) inputs.push({ feature: spec.name, label: `${label}: ${c}` });
    else inputs.push({ feature: spec.name, label });
  }
  return {
    bundle,
    packed: packCentroids(bundle.model.centroids),
    pageGroups: pageGroupIndex(bundle.pageGroups),
    modelSegments: bundle.segments.filter((s) => !s.ruleOnly),
    inputs,
  };
}

/** @deprecated The same thing under its one name: {@link PreparedBundle}. */
export type Scorer = PreparedBundle;

/** @deprecated The same function under its one name: {@link prepareBundle}. */
export const createScorer: (bundle: Bundle) => PreparedBundle = prepareBundle;
