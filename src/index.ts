/**
 * edgeseg: browser-side personalization that keeps the visitor's behaviour on the device.
 *
 * ```ts
 * import { createClient } from 'edgeseg';
 * const edgeseg = createClient();
 * edgeseg.init({ bundle: '/segments/bundle.json' });
 * const hero = await edgeseg.personalize('hero', { researcher: 'Compare models', default: 'Shop now' });
 * ```
 */
import { createCoreClient } from './client/client';
import { earlyFetch } from './bundle/early-fetch';
import engine from './chunks/engine';
import consent from './chunks/consent';
import overlay from './chunks/overlay';
import why from './chunks/why';
import store from './chunks/store';
import collect from './chunks/collect';
import measure from './chunks/measure';
import beacon from './chunks/beacon';
import type { Platform } from './lib/platform';
import type { EdgesegClient } from './types/client';
import type { ChunkMap } from './chunks/loader-contract';

/**
 * Every chunk: the small ones imported statically, tfjs dynamically so that npm users'
 * bundlers split it off and only bundles with a network ever fetch it.
 */
const CHUNKS: { [K in keyof ChunkMap]: () => Promise<ChunkMap[K]> } = {
  engine: () => Promise.resolve(engine),
  consent: () => Promise.resolve(consent),
  overlay: () => Promise.resolve(overlay),
  why: () => Promise.resolve(why),
  store: () => Promise.resolve(store),
  collect: () => Promise.resolve(collect),
  measure: () => Promise.resolve(measure),
  beacon: () => Promise.resolve(beacon),
  tfjs: () => import('./chunks/tfjs').then((m) => m.default),
};

/**
 * Creates an edgeseg client; call `init(config)` to start it. The script tag fetches
 * the same chunks lazily instead.
 */
export function createClient(options: { platform?: Platform } = {}): EdgesegClient {
  return createCoreClient({ early: earlyFetch, ...options, load: (name) => CHUNKS[name]() });
}

export { createCoreClient, type ClientOptions } from './client/client';
export { engine };
export type { Engine, FeatureConsent } from './chunks/engine-contract';
export type { ChunkLoader, ChunkMap, ChunkName } from './chunks/loader-contract';
export { browserPlatform, type Platform } from './lib/platform';
export { validateBundle, parseBundleText } from './bundle/validate-bundle';
export { BUNDLE_FORMAT, BUNDLE_LIMITS } from './bundle/schema';
export { computeFeatures, transformFeature } from './features/compute-features';
export { resolveFeature } from './features/catalogue';
export { featureContext, pageGroupIndex, type FeatureContext } from './features/context';
export { applyEvent, reduceProfile, createFold, type FoldProfile, type ReduceOptions } from './profile/reduce';
export { emptyProfile, upgradeProfile } from './profile/empty';
export { assign } from './score/assign';
export { createScorer, prepareBundle, type PreparedBundle, type Scorer } from './score/prepare-bundle';
export { argmin, centroidDistances, packCentroids, softmaxConfidence, type PackedCentroids } from './score/centroid';
export { verifyBundleSignature, type BundleSignature } from './bundle/signature';
export { canonicalize, signedBytes } from './bundle/canonical';
export type {
  BundleLoader,
  BundleLoaderOptions,
  BundleSource,
  BundleSourceOptions,
  CachedBundle,
  OpenBundleOptions,
} from './chunks/engine-contract';
export type { NetLayer, NetRunner, TfjsChunk } from './chunks/tfjs-contract';
export { unassigned } from './score/unassigned';
export { decideSlot } from './decide/decide-slot';
export type {
  Cap,
  CollectConfigInput,
  ConsentConfig,
  ConsentConfigInput,
  EdgesegConfig,
  EdgesegConfigInput,
  FeaturePurposes,
  PurposeMapping,
  Retention,
  SourcesConfig,
} from './types/config';
export type { EdgesegError, EdgesegErrorCode } from './lib/errors';
export type { ClientEventName, ClientEvents, ConsentApi, EdgesegClient, ExportedData } from './types/client';
export type {
  ConsentChoice,
  ConsentReceipt,
  ConsentRecord,
  ConsentState,
  ConsentStatus,
  Purpose,
} from './types/consent';
export type { Assignment, AssignmentOrigin, Contribution, Decision, DecisionReason } from './types/decision';
export type { DebugSnapshot, MountedPanel, PanelMount } from './chunks/panel-contract';
export type { EdgesegEvent, EventItem, EventKind, EventProps, PropValue } from './types/event';
export type { KvKey, StoreChunk, StoredData, StoreOptions, VisitorStore } from './chunks/store-contract';
export type { ConsentSources } from './chunks/consent-contract';
export type {
  Affinity,
  CommerceStats,
  PageFlow,
  PageTypeStats,
  Profile,
  SessionState,
  VisitContext,
} from './types/profile';
export type { CollectChunk, CollectHost, Collectors } from './chunks/collect-contract';
export type {
  Beacon,
  BeaconChunk,
  BeaconHost,
  MeasureChunk,
  MeasureHost,
  MeasureSession,
} from './chunks/measure-contract';
export type {
  ArmRef,
  Conversion,
  DeviceClass,
  EventsPayload,
  Exposure,
  PageViewReport,
  ReportGoal,
} from './types/measure';
export type { ArmSpec, Experiment, ExperimentSpec, Goal, Holdout, VisitorArm } from './types/experiment';
export type { MeasurementConfig } from './types/config';
export type { CollectConfig } from './types/config';
export type { Bundle, CentroidModel, FeatureSpec, PublicJwk, SegmentMeta } from './types/bundle';
export type { CompositeScore, Condition, DenseLayer, Projection, Rule, TfjsModel } from './types/bundle';
