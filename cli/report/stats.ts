import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** An interval `[low, high]` around an estimate. */
export interface Interval {
  low: number;
  high: number;
}

/** The two-sided normal quantile for `confidence` (1.959963… at 0.95). */
export const zFor = (confidence: number): number => normalQuantile((1 + confidence) / 2, 0, 1);

/**
 * Wilson's score interval for a binomial proportion `x / n` (Wilson 1927): unlike the
 * Wald interval it stays inside [0, 1] and keeps its coverage at small counts and
 * rates near 0, which is where conversion rates of one segment live.
 */
export function wilson(x: number, n: number, z: number): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Newcomb's hybrid score interval for the difference of two independent proportions
 * `x1/n1 − x2/n2` (Newcomb 1998, method 10): built from the two Wilson intervals, so it
 * inherits their coverage where the Wald difference interval fails (small counts, rates
 * near 0 or 1).
 */
export function newcomb(x1: number, n1: number, x2: number, n2: number, z: number): Interval {
  const p1 = n1 ? x1 / n1 : 0;
  const p2 = n2 ? x2 / n2 : 0;
  const a = wilson(x1, n1, z);
  const b = wilson(x2, n2, z);
  const d = p1 - p2;
  return {
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}

/** Summary of a sample of values: size, mean and the unbiased variance. */
export interface Moments {
  n: number;
  mean: number;
  variance: number;
}

/** Moments from a count, a sum and a sum of squares (what a one-pass tally keeps). */
export function moments(n: number, sum: number, sumSquares: number): Moments {
  const mean = n ? sum / n : 0;
  const variance = n > 1 ? Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0;
  return { n, mean, variance };
}

/**
 * Welch's interval for the difference of two means `a.mean − b.mean` with unequal
 * variances, Welch–Satterthwaite degrees of freedom. Value per page view is heavily
 * skewed (most views 0, a few large orders), so the variances of the arms differ; at the
 * sample sizes of a report the t interval is adequate by the central limit theorem.
 */
export function welch(a: Moments, b: Moments, confidence: number): (Interval & { df: number }) | null {
  if (a.n < 2 || b.n < 2) return null;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  const d = a.mean - b.mean;
  if (se === 0) return { low: d, high: d, df: a.n + b.n - 2 };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = tQuantile((1 + confidence) / 2, df);
  return { low: d - t * se, high: d + t * se, df };
}

/**
 * Pearson's chi-square goodness of fit of observed counts to expected shares (the
 * sample-ratio-mismatch test): statistic, degrees of freedom and p-value.
 */
export function chiSquare(
  observed: readonly number[],
  shares: readonly number[],
): { chi2: number; df: number; p: number } {
  const total = observed.reduce((s, o) => s + o, 0);
  const weight = shares.reduce((s, w) => s + w, 0);
  let chi2 = 0;
  observed.forEach((o, i) => {
    const e = (total * (shares[i] ?? 0)) / weight;
    if (e > 0) chi2 += (o - e) ** 2 / e;
  });
  const df = observed.length - 1;
  return { chi2, df, p: df > 0 && total > 0 ? 1 - chisquareCdf(chi2, df) : 1 };
}

/**
 * The `q` quantile of `values` (sorted in place), nearest rank: the value at rank
 * ceil(q·n), as the Chrome UX Report and web-vitals dashboards state p75.
 */
export function quantile(values: Float64Array, q: number): number | null {
  if (values.length === 0) return null;
  values.sort();
  return values[Math.max(0, Math.ceil(q * values.length) - 1)] as number;
}
