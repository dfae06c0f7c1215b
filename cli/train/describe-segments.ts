import { directionWord } from '../../src/lib/direction-word';
import type { FeatureSpec } from '../../src/types/bundle';

/** One thing a segment's words say about its centroid: a feature it has more or less of. */
export interface SegmentClaim {
  /** Index of the feature in the bundle's feature list. */
  feature: number;
  direction: 'more' | 'less';
  /** How far the centroid sits from the other centroids' mean on it (scaled units). */
  distinctness: number;
}

/** A segment's generated words and the claims they are made of, strongest first. */
export interface SegmentWords {
  label: string;
  description: string;
  claims: SegmentClaim[];
}

/** Below this distance from the average (scaled units) a feature is "about average": no claim. */
const AVERAGE_BAND = 0.1;
/** Claims in a description. */
const MAX_CLAIMS = 3;

/**
 * Words for every segment from what sets its centroid apart from the others: for each
 * feature, the centroid's distance from the mean of the other centroids. A feature is
 * claimed only in a direction the centroid also takes against the average visitor (the
 * size-weighted mean of the centroids, which k-means makes the training mean), so no
 * label says "more" of a feature the segment is not above average on.
 * @param sizes rows per segment (training), or `null` (imported models) for equal weights
 */
export function describeSegments(
  centroids: readonly (readonly number[])[],
  sizes: readonly number[] | null,
  specs: readonly FeatureSpec[],
): SegmentWords[] {
  const k = centroids.length;
  const d = specs.length;
  const weight = (i: number): number => sizes?.[i] ?? 1;
  const total = centroids.reduce((sum, _, i) => sum + weight(i), 0);
  const average = Array.from(
    { length: d },
    (_, j) => centroids.reduce((sum, c, i) => sum + weight(i) * (c[j] ?? 0), 0) / total,
  );
  return centroids.map((c, i) => {
    const claims: SegmentClaim[] = [];
    for (let j = 0; j < d; j++) {
      const v = c[j] ?? 0;
      const others = k > 1 ? centroids.reduce((sum, o, m) => (m === i ? sum : sum + (o[j] ?? 0)), 0) / (k - 1) : 0;
      const distinctness = v - others;
      const fromAverage = v - (average[j] ?? 0);
      if (Math.abs(fromAverage) < AVERAGE_BAND || Math.sign(distinctness) !== Math.sign(fromAverage)) continue;
      claims.push({ feature: j, direction: distinctness > 0 ? 'more' : 'less', distinctness });
    }
    claims.sort((a, b) => Math.abs(b.distinctness) - Math.abs(a.distinctness) || a.feature - b.feature);
    const phrases = claims.slice(0, MAX_CLAIMS).map((claim) => phrase(claim, specs[claim.feature] as FeatureSpec));
    const first = phrases[0];
    return {
      label: first ? first[0]!.toUpperCase() + first.slice(1) : 'About average on every feature',
      description: phrases.length > 0 ? phrases.join(', ') : 'about average on every feature',
      claims,
    };
  });
}

/** "more product pages this visit", "fewer account pages", "less time on information pages". */
function phrase(claim: SegmentClaim, spec: FeatureSpec): string {
  const label = spec.label ?? spec.name;
  return `${directionWord(claim.direction, label)} ${label}`;
}
