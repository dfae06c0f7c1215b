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
import type { Platform } from './lib/platform';
import type { EdgesegClient } from './types/client';
import type { ChunkMap } from './chunks/loader-contract';

/**
 * Every chunk, each through a dynamic `import()` as the script tag loads them: an app's
 * bundler splits them off, so its first chunk holds the client alone and a page fetches
 * the consent adapters, the store, the panels or tfjs only when it uses them.
 */
const CHUNKS: { [K in keyof ChunkMap]: () => Promise<ChunkMap[K]> } = {
  config: () => import('./chunks/config').then((m) => m.default),
  engine: () => import('./chunks/engine').then((m) => m.default),
  collect: () => import('./chunks/collect').then((m) => m.default),
  consent: () => import('./chunks/consent').then((m) => m.default),
  store: () => import('./chunks/store').then((m) => m.default),
  overlay: () => import('./chunks/overlay').then((m) => m.default),
  why: () => import('./chunks/why').then((m) => m.default),
  measure: () => import('./chunks/measure').then((m) => m.default),
  beacon: () => import('./chunks/beacon').then((m) => m.default),
  tfjs: () => import('./chunks/tfjs').then((m) => m.default),
};

/**
 * Creates an edgeseg client; call `init(config)` to start it. Its chunks load on demand,
 * as the script tag's do. The engine's building blocks (validation, features, scoring)
 * are at `edgeseg/engine`.
 */
export function createClient(options: { platform?: Platform } = {}): EdgesegClient {
  return createCoreClient({ early: earlyFetch, ...options, load: (name) => CHUNKS[name]() });
}

export { createCoreClient, type ClientOptions } from './client/client';
export type { Engine, FeatureConsent } from './chunks/engine-contract';
export type { ChunkLoader, ChunkMap, ChunkName } from './chunks/loader-contract';
export type { ConfigChunk, ParsedConfig } from './chunks/config-contract';
export type { FeatureContext } from './features/context';
export type { FoldProfile, ReduceOptions } from './profile/reduce';
export type { PreparedBundle, Scorer } from './score/prepare-bundle';
export type { PackedCentroids } from './score/centroid';
export type { BundleSignature } from './bundle/signature';
export { browserPlatform, type Platform } from './lib/platform';
export type {
  BundleLoader,
  BundleLoaderOptions,
  BundleSource,
  BundleSourceOptions,
  CachedBundle,
  OpenBundleOptions,
} from './chunks/engine-contract';
export type { NetLayer, NetRunner, TfjsChunk } from './chunks/tfjs-contract';
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
export type { GuardrailConfig, GuardrailTrip } from './types/guardrail';
export type { CollectConfig } from './types/config';
export type { Bundle, CentroidModel, FeatureSpec, PublicJwk, SegmentMeta } from './types/bundle';
export type { CompositeScore, Condition, DenseLayer, Projection, Rule, TfjsModel } from './types/bundle';
