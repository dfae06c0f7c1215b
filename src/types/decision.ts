import type { VisitorArm } from './experiment';

/** One feature's part in an assignment, for "why this segment". */
export interface Contribution {
  feature: string;
  label: string;
  /** Positive: pulled towards the chosen segment rather than the runner-up. */
  weight: number;
  /** Whether the chosen segment has more or less of this feature than the runner-up. */
  direction: 'more' | 'less';
}

/**
 * How an assignment (and a decision made from it) came about: the centroids (`model`), an
 * override `rule`, a QA `preview`, or nothing (`none`). Public fields carry it as `source`.
 */
export type AssignmentOrigin = 'model' | 'preview' | 'none' | 'rule';

/** The visitor's current segment, as returned by `segment()`. */
export interface Assignment {
  /** Segment id, or `null` while unassigned (no consent, no bundle, too far from every centroid). */
  id: string | null;
  label: string | null;
  /** In [0, 1]: softmax of negative distances. 0 when unassigned. */
  confidence: number;
  /** Words: why this segment, or why none. */
  explanation: string;
  /** The features that decided it, strongest first. */
  contributions: Contribution[];
  bundleVersion: number | null;
  /** Distance to each segment's centroid, by segment id. */
  distances: Record<string, number>;
  /** Its origin: the centroids, an override rule, a QA preview, or nothing. */
  source: AssignmentOrigin;
  /** The override rule that decided it (`source: 'rule'`). */
  rule?: string;
  /** Ids of the overlay rules that hold, e.g. `['at-risk']`, beside the segment. */
  overlays?: string[];
  /** The bundle's tfjs outputs, e.g. `{ purchase: 0.82, churn: 0.1 }`. */
  propensities?: Record<string, number>;
  /** The bundle's composite scores by id. */
  scores?: Record<string, number>;
  /** The experiment arms the visitor is in (and the holdout), for this segment. */
  experiments?: VisitorArm[] | undefined;
}

/** Why a slot shows what it shows. */
export type DecisionReason =
  | 'segment_variant'
  | 'no_variant_for_segment'
  | 'unassigned'
  | 'consent_pending'
  | 'consent_denied'
  | 'no_bundle'
  | 'preview'
  | 'frequency_cap'
  | 'holdout'
  | 'control'
  | 'guardrail';

/** A decision for one slot, as returned by `personalize(slot)` and emitted as `decision`. */
export interface Decision {
  slot: string;
  /** The segment the decision was made for, or `null`. */
  segment: string | null;
  /** The variant shown: a segment id, or `default`. */
  variant: string;
  reason: DecisionReason;
  /** Words for a visitor: "why am I seeing this?". */
  explanation: string;
  /** The origin of the assignment the decision was made from (`none` when it was not used). */
  source: AssignmentOrigin;
  bundleVersion: number | null;
  /** The experiment and arm that decided what the slot shows (the holdout's id and `holdout` for the holdout). */
  experiment?: { id: string; arm: string };
}
