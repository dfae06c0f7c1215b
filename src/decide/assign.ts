import { argmin, centroidDistances, packCentroids, softmaxConfidence, type PackedCentroids } from '../score/centroid';
import type { Bundle } from '../types/bundle';
import type { Assignment, Contribution } from '../types/decision';
import { isSafeKey } from '../lib/safe-key';
import { unassigned } from './unassigned';

/** A bundle prepared for repeated scoring: centroids packed once, page groups indexed. */
export interface Scorer {
  bundle: Bundle;
  packed: PackedCentroids;
  pageGroups: Record<string, string[]>;
}

/** Prepares a validated bundle for scoring. */
export function createScorer(bundle: Bundle): Scorer {
  const pageGroups: Record<string, string[]> = {};
  for (const group of bundle.pageGroups ?? []) if (isSafeKey(group.name)) pageGroups[group.name] = group.types;
  return { bundle, packed: packCentroids(bundle.model.centroids), pageGroups };
}


/**
 * Per feature, how much it favours the chosen centroid over the runner-up: the drop in
 * squared distance. Summed, these equal the gap between the two squared distances.
 */
function contributions(scorer: Scorer, x: Float32Array, best: number, second: number): Contribution[] {
  const { d, data } = scorer.packed;
  const out: Contribution[] = [];
  for (let j = 0; j < d; j++) {
    const v = x[j] as number;
    const toBest = v - (data[best * d + j] as number);
    const toSecond = second >= 0 ? v - (data[second * d + j] as number) : 0;
    const weight = toSecond * toSecond - toBest * toBest;
    const spec = scorer.bundle.features[j];
    if (spec) out.push({ feature: spec.name, label: spec.label ?? spec.name, weight });
  }
  return out.sort((a, b) => b.weight - a.weight);
}

/** Nearest-centroid assignment with confidence and an explanation. Pure. */
export function assign(scorer: Scorer, x: Float32Array): Assignment {
  const { bundle } = scorer;
  const metric = bundle.model.metric ?? 'euclidean';
  const distances = centroidDistances(scorer.packed, x, metric);
  const best = argmin(distances);
  const confidence = softmaxConfidence(distances, bundle.model.temperature);
  const byId: Record<string, number> = {};
  bundle.segments.forEach((segment, i) => (byId[segment.id] = distances[i] as number));
  const nearest = distances[best] as number;
  const segment = bundle.segments[best];
  if (!segment || (bundle.model.maxDistance !== undefined && nearest > bundle.model.maxDistance)) {
    const a = unassigned(`No segment is close enough (nearest at ${nearest.toFixed(2)}).`, bundle.version);
    a.distances = byId;
    return a;
  }
  let second = -1;
  for (let i = 0; i < distances.length; i++) {
    if (i !== best && (second < 0 || (distances[i] as number) < (distances[second] as number))) second = i;
  }
  const ranked = contributions(scorer, x, best, second);
  const reasons = ranked.filter((c) => c.weight > 0).slice(0, 3).map((c) => c.label);
  const runnerUp = second >= 0 ? bundle.segments[second]?.label : undefined;
  const explanation =
    `Closest to "${segment.label}" (${Math.round((confidence[best] as number) * 100)}% confidence)` +
    (reasons.length ? ` because of ${reasons.join(', ')}` : '') +
    (runnerUp ? `, rather than "${runnerUp}".` : '.');
  return {
    id: segment.id,
    label: segment.label,
    confidence: confidence[best] as number,
    explanation,
    contributions: ranked,
    bundleVersion: bundle.version,
    distances: byId,
    source: 'model',
  };
}
