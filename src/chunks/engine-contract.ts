import type { BundleLoader, BundleLoaderOptions, CachedBundle } from '../bundle/bundle-loader';
import type { PreparedBundle } from '../score/prepare-bundle';
import type { FeaturePurposes } from '../types/config';
import type { ConsentState } from '../types/consent';
import type { Assignment } from '../types/decision';
import type { EdgesegError } from '../types/error';
import type { VisitorArm } from '../types/experiment';
import type { Profile } from '../types/profile';
import type { TfjsChunk } from './tfjs-contract';

export type { BundleLoader, BundleLoaderOptions, CachedBundle, PreparedBundle };

/** What the engine needs to withhold features consent does not cover (`consent.features`). */
export interface FeatureConsent {
  features: FeaturePurposes;
  state: ConsentState;
}

/** What the engine needs to put a visitor in experiment arms (`src/decide/experiments.ts`). */
export interface ArmsInput {
  /** The visitor key; called only when there are experiments or a holdout. */
  key(): string;
  /** `config.measurement`, checked by the engine (its experiments and holdout join the bundle's). */
  measurement?: unknown;
  /** A QA preview's arm (`?edgeseg_arm=`): every experiment with that arm, or the holdout. */
  force?: string | null | undefined;
}

/**
 * What the lazily loaded engine chunk (`src/chunks/engine.ts`) provides: everything that
 * needs a bundle. The script-tag core stays small because visitors without a bundle, or
 * returning ones decided from their cached assignment, never wait for it.
 */
export interface Engine {
  /** Validates bundle text (size, JSON, schema, dimensions) and prepares it for scoring. */
  prepareBundle(text: string): { ok: true; prepared: PreparedBundle } | { ok: false; error: EdgesegError };
  /**
   * The visitor's assignment for a profile at time `now`. Pure. `previous` is the
   * segment the visitor is in: it is kept unless another wins by `margin` (hysteresis).
   * `consent` with `consent.features` names the features consent keeps out: they are imputed.
   */
  score(
    prepared: PreparedBundle,
    profile: Profile | null,
    now: number,
    previous?: string | null,
    margin?: number,
    consent?: FeatureConsent,
    arms?: ArmsInput,
  ): Assignment;
  /** The experiment arms of a visitor in `segment` (for an assignment made without scoring: a preview). */
  arms(prepared: PreparedBundle, segment: string | null, input: ArmsInput): VisitorArm[];
  /** Starts loading the configured bundle: cache, network, verification, refresh. */
  openBundle(options: OpenBundleOptions): BundleLoader;
}

/** What the core tells the engine about the bundle to load (the engine adds the `prepare` step). */
export interface OpenBundleOptions extends Omit<BundleLoaderOptions<PreparedBundle>, 'prepare'> {
  /** Loads the tfjs chunk for bundles with a network (the client's chunk loader fits). */
  loadChunk: (name: 'tfjs') => Promise<TfjsChunk>;
}

/** @deprecated The bundle loader under its one name: {@link BundleLoader}. */
export type BundleSource = BundleLoader;

/** @deprecated Under its one name: {@link OpenBundleOptions}. */
export type BundleSourceOptions = OpenBundleOptions;
