import { parseBundleText } from '../bundle/validate-bundle';
import { BUNDLE_LIMITS } from '../bundle/schema';
import { BundleLoader } from '../bundle/bundle-source';
import { createScorer } from '../decide/assign';
import type { Engine, PreparedBundle } from '../chunks/engine-contract';
import { scoreVisitor, type Prepared } from './score-visitor';
import { withheldFeatures } from '../consent/feature-purposes';

/** The engine: bundle loading, validation, features and scoring, as one object the core calls. */
export const engine: Engine = {
  prepareBundle(text) {
    const result = parseBundleText(text, BUNDLE_LIMITS.bytes);
    return result.ok ? { ok: true, prepared: createScorer(result.bundle) } : result;
  },
  score(prepared: PreparedBundle, profile, now, previous = null, margin = 0, consent) {
    return scoreVisitor(
      prepared as Prepared,
      profile,
      now,
      { previous, margin },
      consent && withheldFeatures(consent.features, consent.state),
    );
  },
  openBundle: (options) => new BundleLoader(options),
};
