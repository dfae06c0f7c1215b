import type { EdgesegConfig } from '../config/schema';
import type { EdgesegError } from '../lib/errors';
import type { VisitorStore } from '../store/store';
import type { ChunkLoader } from './chunks';
import type { Bundle } from './bundle';
import type { Assignment } from './decision';
import type { Profile } from './profile';
import type { ConsentState } from './consent';
import type { FeaturePurposes } from '../consent/feature-purposes';

/** What the engine needs to withhold features consent does not cover (`consent.features`). */
export interface FeatureConsent {
  features: FeaturePurposes;
  state: ConsentState;
}

/** A bundle prepared for scoring (opaque to the core). */
export interface PreparedBundle {
  bundle: Bundle;
}

/**
 * What the lazily loaded engine chunk provides: everything that needs a bundle. The
 * script-tag core stays small because visitors without a bundle, or returning ones
 * decided from their cached assignment, never wait for it.
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
  ): Assignment;
  /** Starts loading the configured bundle: cache, network, verification, refresh. */
  openBundle(options: BundleSourceOptions): BundleSource;
}

/**
 * The cached bundle (IndexedDB kv record `bundle`): the last known good. No ETag: a
 * server-chosen string kept on the device and sent back would identify the visitor
 * across visits; a refresh compares the text instead.
 */
export interface CachedBundle {
  text: string;
  /** When the server last confirmed it (epoch ms): its age decides on revalidation. */
  fetchedAt: number;
  version: number;
}

/** What the core tells the engine about the bundle to load. */
export interface BundleSourceOptions {
  /** The client's config: `bundle`, `bundleTimeout`, `publicKeys`, `requireSignature`, `allowRollback`, `bundleMaxAge`. */
  config: EdgesegConfig;
  fetch: typeof fetch;
  now: () => number;
  /** The visitor store once consent allows (the cache lives in its kv records), else null. */
  store: () => VisitorStore | null;
  /** Loads the tfjs chunk for bundles with a network. */
  loadChunk: ChunkLoader;
  /** WebCrypto; defaults to the global one. */
  subtle?: SubtleCrypto | undefined;
  report(error: EdgesegError): void;
  /** Called with each accepted bundle: the first one and any refresh. */
  onBundle(prepared: PreparedBundle): void;
}

/** A bundle being loaded and kept fresh. */
export interface BundleSource {
  /** Resolves once the first bundle is in use or has failed; never rejects. */
  readonly ready: Promise<void>;
  /** Writes the bundle in use to the store (called when consent is granted). */
  save(): Promise<void>;
}

/** One dense layer with flat weights (`[inputs][units]` row-major), as the tfjs chunk takes it. */
export interface NetLayer {
  units: number;
  activation: 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax';
  weights: Float32Array;
  bias: Float32Array;
}

/** A network ready to run. */
export interface NetRunner {
  /** One value per output for one input row. Synchronous (CPU backend). */
  predict(x: Float32Array): Float32Array;
}

/** What the lazily loaded tfjs chunk provides. */
export interface TfjsChunk {
  /** Builds a network from layers; resolves once the CPU backend is ready. */
  createNet(layers: readonly NetLayer[], inputs: number): Promise<NetRunner>;
  /** Nearest centroid done with tfjs ops (for the benchmark against the typed-array scorer). */
  nearest(centroids: Float32Array, k: number, d: number, x: Float32Array): number;
}
