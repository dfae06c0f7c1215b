import { argmin, centroidDistances, softmaxConfidence } from './centroid';
import type { SegmentMeta } from '../types/bundle';
import type { Assignment, Contribution } from '../types/decision';
import { keepOrSwitch } from './hysteresis';
import type { PreparedBundle } from './prepare-bundle';
import { unassigned } from './unassigned';
import { directionWord } from '../lib/direction-word';

/**
 * Per model input, how much it favours the chosen centroid over the runner-up. Without a
 * projection: the drop in squared distance (summed, the gap between the two squared
 * distances). With one: the input's share `2 (x − mean) · Pᵀ(best − second)` of that gap,
 * so explanations always speak of features, never of principal components.
 */
function contributions(
  prepared: PreparedBundle,
  x: Float32Array,
  z: Float32Array,
  best: number,
  second: number,
): Contribution[] {
  const { d, data } = prepared.packed;
  const projection = prepared.bundle.projection;
  const weights = new Float64Array(x.length);
  // Which way the chosen segment differs from the runner-up on each input, in input space.
  const lean = new Float64Array(x.length);
  if (second >= 0 && projection) {
    const { matrix, mean } = projection;
    for (let i = 0; i < d; i++) {
      const diff = (data[best * d + i] as number) - (data[second * d + i] as number);
      const row = matrix[i] as number[];
      for (let j = 0; j < x.length; j++) {
        weights[j] = (weights[j] as number) + 2 * ((x[j] as number) - (mean?.[j] ?? 0)) * (row[j] as number) * diff;
        lean[j] = (lean[j] as number) + (row[j] as number) * diff;
      }
    }
  } else if (second >= 0) {
    for (let j = 0; j < d; j++) {
      const toBest = (z[j] as number) - (data[best * d + j] as number);
      const toSecond = (z[j] as number) - (data[second * d + j] as number);
      weights[j] = toSecond * toSecond - toBest * toBest;
      lean[j] = (data[best * d + j] as number) - (data[second * d + j] as number);
    }
  }
  const out: Contribution[] = [];
  prepared.inputs.forEach((input, j) =>
    out.push({
      feature: input.feature,
      label: input.label,
      weight: weights[j] as number,
      direction: (lean[j] as number) < 0 ? 'less' : 'more',
    }),
  );
  return out.sort((a, b) => b.weight - a.weight);
}

/** How hard to hold on to the visitor's previous segment (see `keepOrSwitch`). */
export interface Stickiness {
  previous: string | null;
  /** Confidence margin a new segment needs over the previous one. */
  margin: number;
}

/**
 * Nearest-centroid assignment with confidence, hysteresis and an explanation. Pure.
 * `x` is the model input before projection, `z` after (the same array without one).
 */
export function assign(
  prepared: PreparedBundle,
  x: Float32Array,
  z: Float32Array = x,
  sticky?: Stickiness,
): Assignment {
  const { bundle, modelSegments } = prepared;
  const metric = bundle.model.metric ?? 'euclidean';
  const distances = centroidDistances(prepared.packed, z, metric);
  const nearestIndex = argmin(distances);
  const confidence = softmaxConfidence(distances, bundle.model.temperature);
  const byId: Record<string, number> = {};
  modelSegments.forEach((segment, i) => (byId[segment.id] = distances[i] as number));
  const nearest = distances[nearestIndex] as number;
  if (bundle.model.maxDistance !== undefined && nearest > bundle.model.maxDistance) {
    const a = unassigned(`No segment is close enough (nearest at ${nearest.toFixed(2)}).`, bundle.version);
    a.distances = byId;
    return a;
  }
  const previous = sticky?.previous ? modelSegments.findIndex((s) => s.id === sticky.previous) : -1;
  const best = keepOrSwitch(confidence, nearestIndex, previous, sticky?.margin ?? 0);
  const segment = modelSegments[best] as SegmentMeta;
  let second = -1;
  for (let i = 0; i < distances.length; i++) {
    if (i !== best && (second < 0 || (distances[i] as number) < (distances[second] as number))) second = i;
  }
  const ranked = contributions(prepared, x, z, best, second);
  // "more product pages this visit, less time on account pages": a reason with its direction.
  const reasons = ranked
    .filter((c) => c.weight > 0)
    .slice(0, 3)
    .map((c) => `${directionWord(c.direction, c.label)} ${c.label}`);
  const runnerUp = second >= 0 ? modelSegments[second]?.label : undefined;
  const kept =
    best !== nearestIndex ? ` (kept: "${modelSegments[nearestIndex]?.label}" is not ahead by enough to switch)` : '';
  const explanation =
    `${kept ? 'Still' : 'Closest to'} "${segment.label}" (${Math.round((confidence[best] as number) * 100)}% confidence)` +
    (reasons.length ? ` because of ${reasons.join(', ')}` : '') +
    (runnerUp ? `, rather than "${runnerUp}"` : '') +
    `${kept}.`;
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
