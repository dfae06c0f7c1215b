/**
 * The engine chunk (`dist/edgeseg.engine.mjs`): bundle loading, validation, features and
 * scoring, as one object the core calls (its contract: `engine-contract.ts`). The
 * script-tag core imports it once a bundle is configured.
 */
import { openBundleLoader } from '../bundle/bundle-loader';
import { prepareNet } from '../bundle/prepare-net';
import { BUNDLE_LIMITS } from '../bundle/schema';
import { parseBundleText } from '../bundle/validate-bundle';
import { inputWidth } from '../bundle/validate-model';
import { withheldFeatures } from '../consent/feature-purposes';
import { isEdgesegError } from '../lib/errors';
import { prepareBundle, type PreparedBundle } from '../score/prepare-bundle';
import { scoreVisitor } from '../score/score-visitor';
import type { Bundle } from '../types/bundle';
import { measurementArms } from '../config/measurement-arms';
import { mergeSpecs, visitorArms } from '../decide/experiments';
import type { ArmsInput, Engine, OpenBundleOptions } from './engine-contract';

/** Prepares a verified bundle for scoring; a bundle with a network waits for it (loaded with the tfjs chunk). */
function prepareWithNet(bundle: Bundle, o: OpenBundleOptions): PreparedBundle | Promise<PreparedBundle> {
  const prepared = prepareBundle(bundle);
  if (!bundle.tfjs) return prepared;
  return prepareNet(bundle, inputWidth(bundle), o.config.bundle ?? '', o.loadChunk, o.fetch, o.subtle).then((net) => {
    if (isEdgesegError(net)) o.report(net);
    else prepared.net = net;
    return prepared;
  });
}

/** The arms of a visitor: the bundle's experiments with the config's (an invalid config section adds none; the measure chunk reports it). */
function arms(prepared: PreparedBundle, segment: string | null, input: ArmsInput) {
  const spec = mergeSpecs(prepared.bundle, measurementArms(input.measurement) ?? undefined);
  if (!spec.holdout && !spec.experiments?.length) return [];
  return visitorArms(spec, input.key(), segment, input.force);
}

const engine: Engine = {
  prepareBundle(text) {
    const result = parseBundleText(text, BUNDLE_LIMITS.bytes);
    // `prepareBundle` here is score/'s pure step, not this method.
    return result.ok ? { ok: true, prepared: prepareBundle(result.bundle) } : result;
  },
  score(prepared, profile, now, previous = null, margin = 0, consent, input) {
    const result = scoreVisitor(
      prepared,
      profile,
      now,
      { previous, margin },
      consent && withheldFeatures(consent.features, consent.state),
    );
    const visitor = input ? arms(prepared, result.id, input) : [];
    if (visitor.length) result.experiments = visitor;
    return result;
  },
  arms,
  openBundle: (options) => openBundleLoader({ ...options, prepare: (bundle) => prepareWithNet(bundle, options) }),
};

export default engine;
