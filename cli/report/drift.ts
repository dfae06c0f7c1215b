import { wilson } from './stats';

/** Share of training rows beyond their segment's p90 and p99 distance: what live page views should match. */
export const DRIFT_EXPECTED = { p90: 0.1, p99: 0.01 } as const;
/**
 * How far above the expected 10% the share beyond p90 must be, with confidence, before
 * retraining is recommended. Page views of one visitor are not independent draws, so the
 * interval is narrower than it should be; the margin absorbs that and keeps seasonal
 * wobbles from calling for a retrain every week.
 */
export const DRIFT_MARGIN = 0.05;
/** Retrain when the lower interval bound of the share beyond p90 is above this. */
export const DRIFT_THRESHOLD = DRIFT_EXPECTED.p90 + DRIFT_MARGIN;

/** Page views per distance band (0: ≤ p50, 1: ≤ p90, 2: ≤ p99, 3: beyond), by bundle version and segment. */
export type BandTally = Map<number | null, Map<string, number[]>>;

/** Drift of one segment (or `*`, all segments). */
export interface DriftRow {
  segment: string;
  /** Page views with a distance band (those that rendered an arm: one report each). */
  views: number;
  /** Page views per band: ≤ p50, ≤ p90, ≤ p99, beyond p99 of the training distances. */
  bands: [number, number, number, number];
  beyondP90: number;
  beyondP90Low: number;
  beyondP90High: number;
  beyondP99: number;
  beyondP99Low: number;
  beyondP99High: number;
  /** The share beyond p90 is above {@link DRIFT_THRESHOLD} with the report's confidence. */
  retrain: boolean;
}

/** Drift against the training distances, for the newest bundle version whose reports carry bands. */
export interface DriftReport {
  bundleVersion: number | null;
  expected: { p90: number; p99: number };
  threshold: number;
  rows: DriftRow[];
  /** Some segment (or all of them together) drifted: retrain. */
  retrain: boolean;
}

function row(segment: string, counts: readonly number[], z: number): DriftRow {
  const bands = [0, 1, 2, 3].map((i) => counts[i] ?? 0) as DriftRow['bands'];
  const views = bands[0] + bands[1] + bands[2] + bands[3];
  const p90 = wilson(bands[2] + bands[3], views, z);
  const p99 = wilson(bands[3], views, z);
  return {
    segment,
    views,
    bands,
    beyondP90: views ? (bands[2] + bands[3]) / views : 0,
    beyondP90Low: p90.low,
    beyondP90High: p90.high,
    beyondP99: views ? bands[3] / views : 0,
    beyondP99Low: p99.low,
    beyondP99High: p99.high,
    retrain: views > 0 && p90.low > DRIFT_THRESHOLD,
  };
}

/**
 * Per segment, the share of page views beyond the training p90 and p99 (expected 10% and
 * 1%) with Wilson intervals, and the retrain signal: the interval's lower bound above
 * {@link DRIFT_THRESHOLD}. Only the newest bundle version counts: a retrained bundle's
 * segments are new ones, and older reports must not keep asking for a retrain.
 */
export function buildDrift(tally: BandTally, z: number, all: string): DriftReport | null {
  const versions = [...tally.keys()];
  if (versions.length === 0) return null;
  const newest = versions.reduce((a, b) => (a === null || (b !== null && b > a) ? b : a));
  const segments = tally.get(newest) as Map<string, number[]>;
  const total = [0, 0, 0, 0];
  for (const counts of segments.values()) counts.forEach((c, i) => (total[i] = (total[i] as number) + c));
  const rows = [
    row(all, total, z),
    ...[...segments].sort(([a], [b]) => a.localeCompare(b)).map(([segment, counts]) => row(segment, counts, z)),
  ];
  return {
    bundleVersion: newest,
    expected: { ...DRIFT_EXPECTED },
    threshold: DRIFT_THRESHOLD,
    rows,
    retrain: rows.some((r) => r.retrain),
  };
}
