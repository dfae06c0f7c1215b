/**
 * What measurement records and sends: exposures, conversions, and the page-view reports
 * of the `edgeseg-events/1` payload (docs/events-format.md, docs/events.schema.json).
 */

/** An experiment arm, as reports and events name it. */
export interface ArmRef {
  experiment: string;
  arm: string;
}

/** A slot rendered an experiment's arm (or a `personalize()` decision used it): once per page view and experiment. */
export interface Exposure extends ArmRef {
  /** Unique id of this exposure. */
  id: string;
  segment: string | null;
  /** The slots that showed the arm on this page view so far (the first one when emitted). */
  slots: string[];
  bundleVersion: number | null;
  /** Epoch ms. */
  at: number;
}

/** A goal was reached; `arms` are the experiments it is attributed to (exposed within the attribution window). */
export interface Conversion {
  id: string;
  goal: string;
  /** The goal's value property of the event (e.g. `purchase.value`), when it has one. */
  value?: number;
  arms: ArmRef[];
  segment: string | null;
  at: number;
}

/** The coarse device class a report carries. */
export type DeviceClass = 'mobile' | 'tablet' | 'desktop' | 'unknown';

/** One goal in a page-view report. */
export interface ReportGoal {
  goal: string;
  /** Whether the goal was reached on this page view (randomized when the report has `rr`). */
  converted: boolean;
  /** How often, and the summed value (left out of randomized reports: they would reveal the bit). */
  count?: number;
  value?: number;
}

/** One page view of a visitor in at least one experiment (or the holdout). No identifier, no raw events. */
export interface PageViewReport {
  /** Random id of this report: the collector drops a second copy (idempotency). */
  id: string;
  type: 'page_view';
  /** The hour it started, UTC: `2026-12-02T04`. */
  hour: string;
  device: DeviceClass;
  bundleVersion: number | null;
  segment: string | null;
  /** Arms the visitor is in within the attribution window; `exposed` when this page view rendered it. */
  arms: (ArmRef & { exposed: boolean })[];
  goals: ReportGoal[];
  /** Present when `converted` bits are randomized (randomized response with this ε). */
  rr?: { epsilon: number };
  /**
   * How far the visitor sits from the segment's centroid against the training rows: 0 at or
   * below their p50, 1 to p90, 2 to p99, 3 beyond (only when the bundle has the segment's
   * `distanceQuantiles` and the segment came from the model).
   */
  distanceBand?: 0 | 1 | 2 | 3;
  /** Web vitals of the page load (the first report of a load only): LCP and INP in ms, CLS unitless. */
  vitals?: { lcp?: number; cls?: number; inp?: number };
}

/** The body of a beacon request. */
export interface EventsPayload {
  format: 'edgeseg-events/1';
  /** ISO time of sending. */
  sentAt: string;
  events: PageViewReport[];
}
