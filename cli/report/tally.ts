import type { Report } from '../collect/payload-schema';
import type { BandTally } from './drift';

/** One goal's counts in one experiment × arm × segment cell. */
export interface GoalTally {
  /** Converted page views among those reported exactly. */
  converted: number;
  /** Sum and sum of squares of the goal's value per page view (0 when not converted). */
  value: number;
  valueSquares: number;
  /** Randomized reports that said converted, by ε. */
  rrConverted: Map<number, number>;
}

/** One experiment × arm × segment cell. */
export interface CellTally {
  experiment: string;
  arm: string;
  segment: string;
  /** Page views counted (exposed ones, or all carrying the arm). */
  views: number;
  /** Of them, reported exactly (no randomized response). */
  exactViews: number;
  /** Randomized page views by ε. */
  rrViews: Map<number, number>;
  goals: Map<string, GoalTally>;
}

/** Guardrail samples of one experiment × arm. */
export interface VitalsTally {
  lcp: number[];
  cls: number[];
  inp: number[];
}

/** Which page views count for an arm: those that rendered it, or every one in the attribution window. */
export type ViewScope = 'exposed' | 'all';

/** The label of reports without a segment. */
export const NO_SEGMENT = '(none)';

/** One pass over the reports: counts per cell, goals seen, guardrail samples per arm, hours seen. */
export class Tally {
  readonly cells = new Map<string, CellTally>();
  readonly goals = new Set<string>();
  readonly vitals = new Map<string, VitalsTally>();
  readonly days = new Map<string, Map<string, number>>();
  /** Distance bands of the page views that rendered an arm (one report each), by bundle version and segment. */
  readonly bands: BandTally = new Map();
  first: string | null = null;
  last: string | null = null;

  constructor(readonly scope: ViewScope) {}

  add(report: Report): void {
    const segment = report.segment ?? NO_SEGMENT;
    const epsilon = report.rr?.epsilon;
    if (this.first === null || report.hour < this.first) this.first = report.hour;
    if (this.last === null || report.hour > this.last) this.last = report.hour;
    const day = report.hour.slice(0, 10);
    const perDay = this.days.get(day) ?? this.days.set(day, new Map()).get(day)!;
    perDay.set(segment, (perDay.get(segment) ?? 0) + 1);
    // A page view's later reports (it came back into view) expose nothing: counting only the first counts it once.
    if (report.distanceBand !== undefined && report.arms.some((a) => a.exposed)) {
      const version =
        this.bands.get(report.bundleVersion) ??
        this.bands.set(report.bundleVersion, new Map()).get(report.bundleVersion)!;
      const counts = version.get(segment) ?? version.set(segment, [0, 0, 0, 0]).get(segment)!;
      counts[report.distanceBand] = (counts[report.distanceBand] as number) + 1;
    }
    for (const { experiment, arm, exposed } of report.arms) {
      if (this.scope === 'exposed' && !exposed) continue;
      const key = `${experiment}\u0000${arm}\u0000${segment}`;
      let cell = this.cells.get(key);
      if (!cell) {
        cell = { experiment, arm, segment, views: 0, exactViews: 0, rrViews: new Map(), goals: new Map() };
        this.cells.set(key, cell);
      }
      cell.views++;
      if (epsilon === undefined) cell.exactViews++;
      else cell.rrViews.set(epsilon, (cell.rrViews.get(epsilon) ?? 0) + 1);
      for (const g of report.goals) {
        this.goals.add(g.goal);
        let goal = cell.goals.get(g.goal);
        if (!goal) {
          goal = { converted: 0, value: 0, valueSquares: 0, rrConverted: new Map() };
          cell.goals.set(g.goal, goal);
        }
        if (!g.converted) continue;
        if (epsilon !== undefined) {
          goal.rrConverted.set(epsilon, (goal.rrConverted.get(epsilon) ?? 0) + 1);
          continue;
        }
        goal.converted++;
        const value = g.value ?? 0;
        goal.value += value;
        goal.valueSquares += value * value;
      }
      if (report.vitals) {
        const armKey = `${experiment}\u0000${arm}`;
        const v = this.vitals.get(armKey) ?? this.vitals.set(armKey, { lcp: [], cls: [], inp: [] }).get(armKey)!;
        if (report.vitals.lcp !== undefined) v.lcp.push(report.vitals.lcp);
        if (report.vitals.cls !== undefined) v.cls.push(report.vitals.cls);
        if (report.vitals.inp !== undefined) v.inp.push(report.vitals.inp);
      }
    }
  }
}
