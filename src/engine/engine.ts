import { parseBundleText } from '../bundle/validate-bundle';
import { BUNDLE_LIMITS } from '../bundle/schema';
import { computeFeatures } from '../features/compute-features';
import { assign, createScorer, type Scorer } from '../decide/assign';
import type { Engine, PreparedBundle } from '../types/engine';

/** The engine: bundle validation, features and scoring, as one object the core calls. */
export const engine: Engine = {
  prepareBundle(text) {
    const result = parseBundleText(text, BUNDLE_LIMITS.bytes);
    return result.ok ? { ok: true, prepared: createScorer(result.bundle) } : result;
  },
  score(prepared: PreparedBundle, profile, now) {
    const scorer = prepared as Scorer;
    const features = computeFeatures(scorer.bundle.features, profile, {
      now,
      weekday: new Date(now).getDay(),
      pageGroups: scorer.pageGroups,
    });
    return assign(scorer, features);
  },
};
