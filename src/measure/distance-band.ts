import type { Bundle, DistanceQuantiles } from '../types/bundle';
import type { Assignment } from '../types/decision';

/**
 * Which of the training distance quantiles a distance exceeds: 0 at or below p50, 1 up to
 * p90, 2 up to p99, 3 beyond p99. Training rows fall in them 50 / 40 / 9 / 1 % of the time;
 * more page views in bands 2 and 3 than that means visitors drifted from the segments.
 */
export function bandOf(distance: number, q: DistanceQuantiles): 0 | 1 | 2 | 3 {
  return distance <= q.p50 ? 0 : distance <= q.p90 ? 1 : distance <= q.p99 ? 2 : 3;
}

/**
 * The distance band of a report's segment: only for a model assignment to that segment
 * scored by this bundle (not a rule, a preview or the cached assignment of a returning
 * visitor, which carry no distance), and only when the bundle has the segment's quantiles.
 * The band, never the distance, leaves the device: two bits say how typical the visitor
 * is of the segment, a distance would say far more about their behaviour.
 */
export function distanceBand(
  bundle: Bundle | null,
  assignment: Assignment | null | undefined,
  segment: string | null,
): 0 | 1 | 2 | 3 | undefined {
  const a = assignment;
  if (!bundle || segment === null || a?.source !== 'model' || a.id !== segment || a.bundleVersion !== bundle.version)
    return undefined;
  const q = bundle.segments.find((s) => s.id === segment)?.distanceQuantiles;
  const distance = a.distances[segment] ?? NaN;
  // NaN (no distance, or one that could not be computed) is no evidence either way: no band rather than the farthest one.
  return q && distance >= 0 ? bandOf(distance, q) : undefined;
}
