import type { Experiment, ExperimentSpec, VisitorArm } from '../types/experiment';
import { bucketOf, pickArm } from './bucket';

/** The holdout's experiment id and arm when the spec does not name it. */
export const HOLDOUT = 'holdout';

/** The arm names that show the default content. */
export const DEFAULT_ARMS: ReadonlySet<string> = new Set(['control', HOLDOUT]);

/** Experiments of the bundle and the config together; an id in both is the config's. */
export function mergeSpecs(
  bundle: ExperimentSpec | undefined,
  config: { [K in keyof ExperimentSpec]?: ExperimentSpec[K] | undefined } | undefined,
): ExperimentSpec {
  const ids = new Set((config?.experiments ?? []).map((e) => e.id));
  const goalIds = new Set((config?.goals ?? []).map((g) => g.id));
  const spec: ExperimentSpec = {
    experiments: [...(config?.experiments ?? []), ...(bundle?.experiments ?? []).filter((e) => !ids.has(e.id))],
    goals: [...(config?.goals ?? []), ...(bundle?.goals ?? []).filter((g) => !goalIds.has(g.id))],
  };
  const holdout = config?.holdout ?? bundle?.holdout;
  if (holdout) spec.holdout = holdout;
  return spec;
}

function armOf(e: Experiment, index: number, segment: string): VisitorArm {
  const arm = e.arms[index] as Experiment['arms'][number];
  const out: VisitorArm = { id: e.id, arm: arm.id };
  if (e.slots) out.slots = e.slots;
  const variant = arm.variants?.find((v) => v.segment === segment)?.variant;
  if (variant && !DEFAULT_ARMS.has(arm.id)) out.variant = variant;
  return out;
}

/**
 * The arms a visitor with `key` is in, for their segment. Pure: the same key, spec and
 * segment always give the same arms. A held-out visitor is in the holdout only. `force`
 * (a QA preview) puts the visitor in that arm of every experiment that has it, or in the
 * holdout for `holdout`.
 */
export function visitorArms(
  spec: ExperimentSpec,
  key: string,
  segment: string | null,
  force?: string | null,
): VisitorArm[] {
  const h = spec.holdout;
  if (h) {
    const id = h.id ?? HOLDOUT;
    if (force === HOLDOUT || (!force && bucketOf(h.seed ?? id, key) < h.share)) return [{ id, arm: HOLDOUT }];
  }
  if (segment === null) return [];
  const arms: VisitorArm[] = [];
  for (const e of spec.experiments ?? []) {
    if (e.segments && !e.segments.includes(segment)) continue;
    const forced = force ? e.arms.findIndex((a) => a.id === force) : -1;
    const index =
      forced >= 0
        ? forced
        : pickArm(
            bucketOf(e.seed ?? e.id, key),
            e.arms.map((a) => a.weight),
            e.traffic,
          );
    if (index >= 0) arms.push(armOf(e, index, segment));
  }
  return arms;
}
