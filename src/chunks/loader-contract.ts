import type { CollectChunk } from './collect-contract';
import type { ConfigChunk } from './config-contract';
import type { ConsentSources } from './consent-contract';
import type { Engine } from './engine-contract';
import type { BeaconChunk, MeasureChunk } from './measure-contract';
import type { PanelMount } from './panel-contract';
import type { StoreChunk } from './store-contract';
import type { TfjsChunk } from './tfjs-contract';
import type { RequestDeclaration } from '../types/privacy';

/**
 * The lazily loaded parts of edgeseg, by name. Each has an entry `src/chunks/NAME.ts`
 * whose default export is the value here, typed by its contract `src/chunks/*-contract.ts`;
 * the script tag imports `edgeseg.NAME.mjs` from beside itself, the npm entry imports
 * them statically. Add a chunk: one entry file, one line here, one line in `index.ts`.
 */
export interface ChunkMap {
  engine: Engine;
  tfjs: TfjsChunk;
  consent: ConsentSources;
  overlay: PanelMount;
  why: PanelMount;
  store: StoreChunk;
  collect: CollectChunk;
  measure: MeasureChunk;
  beacon: BeaconChunk;
  config: ConfigChunk;
}

export type ChunkName = keyof ChunkMap;

const CODE = "nothing: a GET of the SDK's own code from beside the script";

/** The script tag's code shared by several chunks (`edgeseg.shared.mjs`: zod/mini, the bundle schema, helpers), fetched with the first of them. */
export const SHARED_CHUNK_REQUEST: RequestDeclaration = {
  what: 'code the chunks share (edgeseg.shared.mjs)',
  when: 'at start, with the config and engine chunks',
  carries: CODE,
  purpose: null,
};

/**
 * The request each chunk is (the privacy manifest lists them; typed by {@link ChunkMap}, so a
 * chunk without a declaration does not compile). A chunk carries no data of the visitor's.
 */
export const CHUNK_REQUESTS: Record<ChunkName, RequestDeclaration> = {
  config: { what: 'the config validator (edgeseg.config.mjs)', when: 'at start', carries: CODE, purpose: null },
  engine: { what: 'the scoring engine (edgeseg.engine.mjs)', when: 'at start', carries: CODE, purpose: null },
  collect: {
    what: 'the collectors and the profile reducer (edgeseg.collect.mjs)',
    when: 'at start (events stay in memory until consent allows storing)',
    carries: CODE,
    purpose: null,
  },
  store: {
    what: 'the IndexedDB storage code (edgeseg.store.mjs)',
    when: 'once personalization is granted',
    carries: CODE,
    purpose: 'personalization',
  },
  consent: {
    what: 'the consent-manager adapters (edgeseg.consent.mjs)',
    when: 'when a consent manager is configured or found on the page',
    carries: CODE,
    purpose: null,
  },
  tfjs: {
    what: 'the neural-network runtime (edgeseg.tfjs.mjs)',
    when: 'when the bundle holds a tfjs network',
    carries: CODE,
    purpose: null,
  },
  overlay: {
    what: 'the debug overlay (edgeseg.overlay.mjs)',
    when: 'with ?edgeseg_debug=1 in the URL, when `preview` is on',
    carries: CODE,
    purpose: null,
  },
  measure: {
    what: 'experiments, goals and the outbound events (edgeseg.measure.mjs)',
    when: 'when the config or the bundle has experiments, goals, a holdout or a measurement section',
    carries: CODE,
    purpose: null,
  },
  beacon: {
    what: 'the measurement beacon and web-vitals (edgeseg.beacon.mjs)',
    when: 'once measurement is granted, when a beacon URL is configured',
    carries: CODE,
    purpose: 'measurement',
  },
  why: {
    what: 'the "why am I seeing this?" widget (edgeseg.why.mjs)',
    when: 'with `transparency: true`',
    carries: CODE,
    purpose: null,
  },
};

/** Loads a chunk; rejects when it cannot be fetched. */
export type ChunkLoader = <K extends ChunkName>(name: K) => Promise<ChunkMap[K]>;
