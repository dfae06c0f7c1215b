/**
 * Experiments, holdouts and goals: defined in the bundle (signed with it) and/or in
 * `config.measurement`. Bucketing is described in `src/decide/bucket.ts`.
 */

/** One arm of an experiment. `control` shows the default content; any other arm personalizes. */
export interface ArmSpec {
  /** `control`, `personalized`, or a name of your own (e.g. `bold`). */
  id: string;
  /** Relative share of the experiment's traffic (> 0). */
  weight: number;
  /**
   * The template each segment shows in this arm, by segment id: `[{ segment: 'shopper',
   * variant: 'shopper-bold' }]` shows `<template data-edgeseg-variant="shopper-bold">`.
   * A segment not listed shows its own template (as `personalized` does).
   */
  variants?: { segment: string; variant: string }[];
}

/** An experiment: who is in it, where it applies, and its arms. */
export interface Experiment {
  /** Stable id; it is also the hash seed unless `seed` is given. */
  id: string;
  /** Hash seed: change it to reshuffle visitors between arms. Default: the id. */
  seed?: string;
  /** Slots it applies to; all slots when left out. */
  slots?: string[];
  /** Segments it applies to; all segments when left out. */
  segments?: string[];
  /** Share of visitors in the experiment, 0–1. Default 1. */
  traffic?: number;
  arms: ArmSpec[];
}

/** The global holdout: a share of visitors who never see personalized content. */
export interface Holdout {
  /** Share of all visitors held out, 0–1. */
  share: number;
  /** Experiment id in decisions and reports. Default `holdout`. */
  id?: string;
  /** Hash seed. Default: the id. */
  seed?: string;
}

/** A goal: an event that counts as a conversion. */
export interface Goal {
  id: string;
  /** The event name, e.g. `purchase`. */
  event: string;
  /** The numeric property summed as the goal's value, e.g. `value` (`purchase.value`). */
  value?: string;
  /** Counts only on pages of this type. */
  pageType?: string;
}

/** The experiments part of a bundle or of `config.measurement`. */
export interface ExperimentSpec {
  experiments?: Experiment[];
  holdout?: Holdout;
  goals?: Goal[];
}

/** The arm a visitor is in, carried by the assignment: what decisions of its slots show. */
export interface VisitorArm {
  /** The experiment id (the holdout's id for the holdout). */
  id: string;
  /** The arm id; `holdout` for the holdout. */
  arm: string;
  /** Slots it applies to; every slot when absent. */
  slots?: string[];
  /** The template to show for the visitor's segment when the arm is not `control`/`holdout`. */
  variant?: string;
}
