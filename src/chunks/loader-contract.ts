import type { CollectChunk } from './collect-contract';
import type { ConfigChunk } from './config-contract';
import type { ConsentSources } from './consent-contract';
import type { Engine } from './engine-contract';
import type { PanelMount } from './panel-contract';
import type { StoreChunk } from './store-contract';
import type { TfjsChunk } from './tfjs-contract';

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
  config: ConfigChunk;
}

export type ChunkName = keyof ChunkMap;

/** Loads a chunk; rejects when it cannot be fetched. */
export type ChunkLoader = <K extends ChunkName>(name: K) => Promise<ChunkMap[K]>;
