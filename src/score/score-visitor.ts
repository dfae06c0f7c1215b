import { computeFeatures, project } from '../features/compute-features';
import { featureContext } from '../features/context';
import { assign, type Stickiness } from './assign';
import type { PreparedBundle } from './prepare-bundle';
import { applyRules, computeScores, type RuleInputs } from './rules';
import { unassigned } from './unassigned';
import type { Assignment } from '../types/decision';
import type { Profile } from '../types/profile';

/**
 * The whole decision for a profile: features, propensities, projection, nearest
 * centroid (with hysteresis), composite scores, then rules (overrides and overlays).
 * Pure apart from the network's arithmetic.
 */
export function scoreVisitor(
  prepared: PreparedBundle,
  profile: Profile | null,
  now: number,
  sticky?: Stickiness,
  withheld?: (name: string) => boolean,
): Assignment {
  const { bundle } = prepared;
  // A page left open past `expiresAt` stops using the bundle, as a new page would.
  if (bundle.expiresAt && !(Date.parse(bundle.expiresAt) > now))
    return unassigned(`The segment model expired at ${bundle.expiresAt}.`, bundle.version);
  const ctx = featureContext(now, prepared.pageGroups, withheld);
  const x = computeFeatures(bundle.features, profile, ctx);
  const z = bundle.projection ? project(bundle.projection, x) : x;
  const model = assign(prepared, x, z, sticky);
  const propensities: Record<string, number> = {};
  if (prepared.net) {
    const out = prepared.net.predict(x);
    bundle.tfjs?.outputs.forEach((name, i) => (propensities[name] = out[i] as number));
  }
  const features: Record<string, number> = {};
  let j = 0;
  for (const spec of bundle.features) {
    if (!spec.categories) features[spec.name] = x[j] as number;
    j += spec.categories?.length ?? 1;
  }
  const inputs: RuleInputs = { bundle, profile, ctx, features, propensities, scores: {}, segment: model.id };
  const scores = computeScores(inputs);
  const { override, overlays } = applyRules(inputs);
  let result = model;
  if (override) {
    const segment = bundle.segments.find((s) => s.id === override.segment);
    result = {
      ...model,
      id: segment?.id ?? null,
      label: segment?.label ?? null,
      confidence: 1,
      explanation:
        `In "${segment?.label}" by the rule "${override.label ?? override.id}".` +
        (model.id ? ` The model alone says: ${model.explanation}` : ''),
      source: 'rule',
      rule: override.id,
    };
  }
  if (bundle.rules?.length) result.overlays = overlays.map((r) => r.id);
  if (bundle.tfjs) result.propensities = propensities;
  if (bundle.scores?.length) result.scores = scores;
  return result;
}
