import { hamerly } from './hamerly';
import { lloyd } from './lloyd';
import { assignAll, type Matrix } from './matrix';
import { miniBatch } from './mini-batch';
import { seededRandom } from './random';
import { seedCentroids } from './seed-centroids';

export type { Matrix } from './matrix';

/** `hamerly`: exact Lloyd, accelerated; `lloyd`: the plain reference; `minibatch`: approximate, for big inputs. */
export type KMeansAlgorithm = 'hamerly' | 'lloyd' | 'minibatch';

export interface KMeansOptions {
  k: number;
  seed: number;
  /** Independent k-means++ starts; the lowest inertia wins. */
  restarts: number;
  maxIterations: number;
  /** Stop when no centroid coordinate moves more than this (squared distance). */
  tolerance: number;
  algorithm?: KMeansAlgorithm;
  /** Rows per mini-batch (default 1024). */
  batchSize?: number;
  /** Called with the share of the work done, 0..1 (progress bars). */
  onProgress?: (done: number) => void;
}

export interface KMeansResult {
  centroids: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
  sizes: number[];
}

/** Rows k-means++ seeds mini-batch runs from: a random sample, so seeding stays cheap on millions of rows. */
function seedingSample(x: Matrix, size: number, random: () => number): Matrix {
  if (x.n <= size) return x;
  const data = new Float64Array(size * x.d);
  for (let s = 0; s < size; s++) {
    const i = Math.floor(random() * x.n);
    data.set(x.data.subarray(i * x.d, i * x.d + x.d), s * x.d);
  }
  return { n: size, d: x.d, data };
}

/** k-means with k-means++ seeding and several restarts; deterministic for a seed. */
export function kmeans(x: Matrix, options: KMeansOptions): KMeansResult {
  const { k } = options;
  if (k < 1) throw new Error('k must be at least 1');
  if (k > x.n) throw new Error(`k (${k}) is larger than the number of usable rows (${x.n})`);
  const random = seededRandom(options.seed);
  const restarts = Math.max(1, options.restarts);
  const algorithm = options.algorithm ?? 'hamerly';
  let best: KMeansResult | null = null;
  for (let r = 0; r < restarts; r++) {
    const report = (i: number) => options.onProgress?.((r + Math.min(1, i / options.maxIterations)) / restarts);
    let centroids: Float64Array;
    let iterations: number;
    if (algorithm === 'minibatch') {
      const batchSize = options.batchSize ?? 1024;
      centroids = seedCentroids(seedingSample(x, Math.max(3 * batchSize, 10 * k), random), k, random);
      iterations = miniBatch(x, centroids, k, random, {
        batchSize,
        maxIterations: options.maxIterations,
        patience: 10,
        onIteration: report,
      });
    } else {
      centroids = seedCentroids(x, k, random);
      const run = algorithm === 'lloyd' ? lloyd : hamerly;
      iterations = run(x, centroids, k, {
        maxIterations: options.maxIterations,
        tolerance: options.tolerance,
        onIteration: report,
      });
    }
    // Final assignment against the final centres, so labels and inertia agree with them.
    const final = assignAll(x, centroids, k);
    if (!best || final.inertia < best.inertia) best = { centroids, iterations, ...final };
  }
  options.onProgress?.(1);
  return best as KMeansResult;
}
