import type { NetLayer, NetRunner } from '../types/net';

export type { NetLayer, NetRunner };

/** What the lazily loaded tfjs chunk (`src/chunks/tfjs.ts`) provides. */
export interface TfjsChunk {
  /** Builds a network from layers; resolves once the CPU backend is ready. */
  createNet(layers: readonly NetLayer[], inputs: number): Promise<NetRunner>;
  /** Nearest centroid done with tfjs ops (for the benchmark against the typed-array scorer). */
  nearest(centroids: Float32Array, k: number, d: number, x: Float32Array): number;
}
