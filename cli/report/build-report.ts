import { debias } from '../../src/measure/randomized-response';
import { buildDrift, type DriftReport } from './drift';
import type { InputSummary } from './read-events';
import { chiSquare, moments, newcomb, quantile, welch, wilson, zFor, type Interval, type Moments } from './stats';
import type { CellTally, GoalTally, Tally, ViewScope } from './tally';

/** The label of the all-segments rows. */
export const ALL_SEGMENTS = '*';
/** The arm every other arm of an experiment is compared with. */
export const CONTROL_ARM = 'control';
/** p-value below which a sample ratio mismatch is flagged (the usual, deliberately strict, threshold). */
export const SRM_ALPHA = 0.001;

/** A difference with its interval and how it was computed. */
export interface Uplift extends Interval {
  diff: number;
  /** diff / control's estimate (null when control's is 0). */
  relative: number | null;
  method: 'newcomb-wilson' | 'wald-debiased' | 'welch';
}

/** One experiment × arm × segment × goal line of the report. */
export interface ReportRow {
  experiment: string;
  arm: string;
  segment: string;
  goal: string;
  views: number;
  /** Page views reported with randomized response (their conversions are de-biased). */
  randomizedViews: number;
  /** Converted page views as reported (randomized bits included as sent). */
  conversions: number;
  /** Estimated converted page views: as reported, or de-biased when randomized. */
  estimatedConversions: number;
  rate: number;
  rateLow: number;
  rateHigh: number;
  debiased: boolean;
  /** Sum of the goal's value per exactly reported page view (null with only randomized views). */
  valuePerView: number | null;
  uplift: Uplift | null;
  valueUplift: Uplift | null;
}

/** The sample-ratio-mismatch check of one experiment. */
export interface SrmRow {
  experiment: string;
  arms: { arm: string; views: number; expectedShare: number }[];
  weights: 'bundle' | 'assumed equal';
  chi2: number;
  df: number;
  p: number;
  mismatch: boolean;
}

/** Guardrail web vitals of one experiment × arm (p75, nearest rank). */
export interface VitalsRow {
  experiment: string;
  arm: string;
  samples: number;
  lcpP75: number | null;
  clsP75: number | null;
  inpP75: number | null;
}

/** The whole report (`edgeseg report --json`). */
export interface ReportTable {
  format: 'edgeseg-report/1';
  scope: ViewScope;
  confidence: number;
  input: InputSummary;
  period: { first: string | null; last: string | null };
  rows: ReportRow[];
  srm: SrmRow[];
  vitals: VitalsRow[];
  /** Page-view reports per UTC day and segment (sizes and trend). */
  days: { day: string; segment: string; views: number }[];
  /** Distance of live page views from their centroids against training, or null when no report carries a band. */
  drift: DriftReport | null;
}

/** Arm weights per experiment, from a bundle's or a config's `experiments`. */
export type ArmWeights = Map<string, Map<string, number>>;

interface Estimate {
  n: number;
  exact: { x: number; n: number };
  randomized: number;
  reported: number;
  conversions: number;
  rate: number;
  se: number;
  debiased: boolean;
  value: Moments;
}

function estimate(cell: CellTally, goal: GoalTally | undefined): Estimate {
  const x0 = goal?.converted ?? 0;
  const n0 = cell.exactViews;
  let conversions = x0;
  let variance = n0 ? x0 * (1 - x0 / n0) : 0;
  let reported = x0;
  let randomized = 0;
  for (const [epsilon, n] of cell.rrViews) {
    const r = goal?.rrConverted.get(epsilon) ?? 0;
    const { rate, standardError } = debias(r, n, epsilon);
    conversions += rate * n;
    variance += (standardError * n) ** 2;
    reported += r;
    randomized += n;
  }
  const n = cell.views;
  return {
    n,
    exact: { x: x0, n: n0 },
    randomized,
    reported,
    conversions,
    rate: n ? conversions / n : 0,
    se: n ? Math.sqrt(variance) / n : 0,
    debiased: randomized > 0,
    value: moments(n0, goal?.value ?? 0, goal?.valueSquares ?? 0),
  };
}

function merge(cells: readonly CellTally[], segment: string): CellTally {
  const out: CellTally = {
    experiment: cells[0]!.experiment,
    arm: cells[0]!.arm,
    segment,
    views: 0,
    exactViews: 0,
    rrViews: new Map(),
    goals: new Map(),
  };
  for (const c of cells) {
    out.views += c.views;
    out.exactViews += c.exactViews;
    for (const [e, n] of c.rrViews) out.rrViews.set(e, (out.rrViews.get(e) ?? 0) + n);
    for (const [id, g] of c.goals) {
      const o = out.goals.get(id) ?? { converted: 0, value: 0, valueSquares: 0, rrConverted: new Map() };
      o.converted += g.converted;
      o.value += g.value;
      o.valueSquares += g.valueSquares;
      for (const [e, r] of g.rrConverted) o.rrConverted.set(e, (o.rrConverted.get(e) ?? 0) + r);
      out.goals.set(id, o);
    }
  }
  return out;
}

function rateUplift(a: Estimate, c: Estimate, z: number): Uplift | null {
  if (a.n === 0 || c.n === 0) return null;
  const diff = a.rate - c.rate;
  const relative = c.rate ? diff / c.rate : null;
  if (!a.debiased && !c.debiased) {
    return { diff, relative, method: 'newcomb-wilson', ...newcomb(a.exact.x, a.exact.n, c.exact.x, c.exact.n, z) };
  }
  const half = z * Math.hypot(a.se, c.se);
  return { diff, relative, method: 'wald-debiased', low: diff - half, high: diff + half };
}

function valueUplift(a: Estimate, c: Estimate, confidence: number): Uplift | null {
  const w = welch(a.value, c.value, confidence);
  if (!w) return null;
  const diff = a.value.mean - c.value.mean;
  return { diff, relative: c.value.mean ? diff / c.value.mean : null, method: 'welch', low: w.low, high: w.high };
}

/** Turns a tally into the report: estimates, intervals, uplift over control, SRM and guardrails. */
export function buildReport(
  tally: Tally,
  input: InputSummary,
  { weights = new Map() as ArmWeights, confidence = 0.95 } = {},
): ReportTable {
  const z = zFor(confidence);
  const byArm = new Map<string, CellTally[]>();
  for (const cell of tally.cells.values()) {
    const key = `${cell.experiment}\u0000${cell.arm}`;
    (byArm.get(key) ?? byArm.set(key, []).get(key)!).push(cell);
  }
  const cells: CellTally[] = [];
  for (const group of byArm.values()) {
    group.sort((a, b) => a.segment.localeCompare(b.segment));
    cells.push(merge(group, ALL_SEGMENTS), ...group);
  }
  cells.sort((a, b) => a.experiment.localeCompare(b.experiment) || armOrder(a.arm, b.arm));
  const index = new Map(cells.map((c) => [`${c.experiment}\u0000${c.arm}\u0000${c.segment}`, c]));
  const goals = [...tally.goals].sort();
  const rows: ReportRow[] = [];
  for (const cell of cells) {
    const control =
      cell.arm === CONTROL_ARM ? undefined : index.get(`${cell.experiment}\u0000${CONTROL_ARM}\u0000${cell.segment}`);
    for (const goal of goals) {
      const e = estimate(cell, cell.goals.get(goal));
      const c = control && estimate(control, control.goals.get(goal));
      const interval = e.debiased
        ? { low: e.rate - z * e.se, high: e.rate + z * e.se }
        : wilson(e.exact.x, e.exact.n, z);
      rows.push({
        experiment: cell.experiment,
        arm: cell.arm,
        segment: cell.segment,
        goal,
        views: e.n,
        randomizedViews: e.randomized,
        conversions: e.reported,
        estimatedConversions: e.conversions,
        rate: e.rate,
        rateLow: interval.low,
        rateHigh: interval.high,
        debiased: e.debiased,
        valuePerView: e.exact.n ? e.value.mean : null,
        uplift: c ? rateUplift(e, c, z) : null,
        valueUplift: c ? valueUplift(e, c, confidence) : null,
      });
    }
  }
  return {
    format: 'edgeseg-report/1',
    scope: tally.scope,
    confidence,
    input,
    period: { first: tally.first, last: tally.last },
    rows,
    srm: srm(cells, weights),
    vitals: vitals(tally),
    days: [...tally.days]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([day, segs]) =>
        [...segs].sort(([a], [b]) => a.localeCompare(b)).map(([segment, views]) => ({ day, segment, views })),
      ),
    drift: buildDrift(tally.bands, z, ALL_SEGMENTS),
  };
}

/** Control first, then the other arms by name. */
const armOrder = (a: string, b: string): number =>
  (a === CONTROL_ARM ? -1 : 0) - (b === CONTROL_ARM ? -1 : 0) || a.localeCompare(b);

function srm(cells: readonly CellTally[], weights: ArmWeights): SrmRow[] {
  const observed = new Map<string, Map<string, number>>();
  for (const c of cells) {
    if (c.segment !== ALL_SEGMENTS) continue;
    (observed.get(c.experiment) ?? observed.set(c.experiment, new Map()).get(c.experiment)!).set(c.arm, c.views);
  }
  const out: SrmRow[] = [];
  for (const [experiment, arms] of observed) {
    const configured = weights.get(experiment);
    const names = configured ? [...configured.keys()] : [...arms.keys()];
    for (const arm of arms.keys()) if (!names.includes(arm)) names.push(arm);
    if (names.length < 2) continue;
    const shares = names.map((arm) => (configured ? (configured.get(arm) ?? 0) : 1));
    const counts = names.map((arm) => arms.get(arm) ?? 0);
    const test = chiSquare(counts, shares);
    // An arm seen in the data but absent from the configured weights is broken bucketing outright.
    const unexpected = names.some((_arm, i) => shares[i] === 0 && (counts[i] ?? 0) > 0);
    const sum = shares.reduce((s, w) => s + w, 0);
    out.push({
      experiment,
      arms: names.map((arm, i) => ({ arm, views: counts[i] ?? 0, expectedShare: (shares[i] ?? 0) / sum })),
      weights: configured ? 'bundle' : 'assumed equal',
      ...test,
      mismatch: unexpected || test.p < SRM_ALPHA,
    });
  }
  return out;
}

function vitals(tally: Tally): VitalsRow[] {
  return [...tally.vitals]
    .map(([key, v]) => {
      const [experiment, arm] = key.split('\u0000') as [string, string];
      return {
        experiment,
        arm,
        samples: Math.max(v.lcp.length, v.cls.length, v.inp.length),
        lcpP75: quantile(Float64Array.from(v.lcp), 0.75),
        clsP75: quantile(Float64Array.from(v.cls), 0.75),
        inpP75: quantile(Float64Array.from(v.inp), 0.75),
      };
    })
    .sort((a, b) => a.experiment.localeCompare(b.experiment) || armOrder(a.arm, b.arm));
}
