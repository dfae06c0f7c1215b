import { pageGroupIndex } from '../features/context';
import type { Bundle, SegmentMeta } from '../types/bundle';
import { packCentroids, type PackedCentroids } from './centroid';

/** A bundle prepared for repeated scoring: centroids packed once, page groups indexed. */
export interface Scorer {
  bundle: Bundle;
  packed: PackedCentroids;
  pageGroups: Record<string, string[]>;
  /** The segments that own a centroid row, in row order (rule-only ones left out). */
  modelSegments: SegmentMeta[];
  /** Per model input before projection: its feature name and words for explanations. */
  inputs: { feature: string; label: string }[];
}

/** Prepares a validated bundle for scoring. */
export function createScorer(bundle: Bundle): Scorer {
  const inputs: Scorer['inputs'] = [];
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
