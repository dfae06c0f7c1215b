import { createBlockRunner, type BlockRunner } from './block-runner';
import { hamerly } from './hamerly';
import type { KernelState } from './kernels';
import { lloyd } from './lloyd';
import type { Matrix } from './matrix';
import { miniBatch } from './mini-batch';
import { seededRandom } from './random';
import { seedCentroids, slotTotal } from './seed-centroids';

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

const shared = (length: number, bytes: number) => new SharedArrayBuffer(length * bytes);

/**
 * The arrays the kernels work on, in shared memory so worker threads can use them
 * without copies (the matrix is copied only if it is not shared already).
 */
export function kernelState(x: Matrix, k: number): KernelState {
  const { n, d } = x;
  let data = x.data;
  if (!(data.buffer instanceof SharedArrayBuffer)) {
    data = new Float64Array(shared(n * d, 8));
    data.set(x.data);
  }
  const trials = 2 + Math.floor(Math.log(k));
  return {
    n,
    d,
    data,
    best: new Float64Array(shared(n, 8)),
    candidates: Array.from({ length: trials }, () => new Float64Array(shared(n, 8))),
    labels: new Int32Array(shared(n, 4)),
    upper: new Float64Array(shared(n, 8)),
    lower: new Float64Array(shared(n, 8)),
  };
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

/** Seeds from a sample on the calling thread (mini-batch: the sample is small). */
async function seedSample(sample: Matrix, k: number, random: () => number): Promise<Float64Array> {
  const runner = createBlockRunner(1, sample.n);
  const state = kernelState(sample, k);
  runner.attach(state);
  return seedCentroids(state, k, random, runner);
}

/** Every row against the final centres: labels, sizes and inertia, the reported truth. */
async function assignAll(state: KernelState, centroids: Float64Array, k: number, runner: BlockRunner) {
  const out = await runner.run('final', { k, centroids });
  const sizes = Array.from({ length: k }, (_, c) => slotTotal(out, k + 1, c));
  return { labels: state.labels.slice(), sizes, inertia: slotTotal(out, k + 1, k) };
}

/**
 * k-means with k-means++ seeding and several restarts; deterministic for a seed, and the
 * same whatever `runner` (threads) it runs on. Without a runner it runs on the calling thread.
 */
export async function kmeans(x: Matrix, options: KMeansOptions, runner?: BlockRunner): Promise<KMeansResult> {
  const { k } = options;
  if (k < 1) throw new Error('k must be at least 1');
  if (k > x.n) throw new Error(`k (${k}) is larger than the number of usable rows (${x.n})`);
  const own = runner ?? createBlockRunner(1, x.n);
  const state = kernelState(x, k);
  own.attach(state);
  try {
    const random = seededRandom(options.seed);
    const restarts = Math.max(1, options.restarts);
    const algorithm = options.algorithm ?? 'hamerly';
    let best: KMeansResult | null = null;
    for (let r = 0; r < restarts; r++) {
      const report = (i: number) => options.onProgress?.((r + Math.min(1, i / options.maxIterations)) / restarts);
      let centroids: Float64Array;
      let iterations = 0;
      if (algorithm === 'minibatch') {
        const batchSize = options.batchSize ?? 1024;
        centroids = await seedSample(seedingSample(x, Math.max(3 * batchSize, 10 * k), random), k, random);
        iterations = miniBatch(x, centroids, k, random, {
          batchSize,
          maxIterations: options.maxIterations,
          patience: 10,
          onIteration: report,
        });
      } else centroids = await seedCentroids(state, k, random, own);
      const settings = { maxIterations: options.maxIterations, tolerance: options.tolerance, onIteration: report };
      let final: { labels: Int32Array; sizes: number[]; inertia: number };
      if (algorithm === 'hamerly') {
        // Hamerly ends with the final assignment itself, proved through its bounds.
        const run = await hamerly(state, centroids, k, own, settings);
        iterations = run.iterations;
        final = { labels: state.labels.slice(), sizes: run.sizes, inertia: run.inertia };
      } else {
        if (algorithm === 'lloyd') iterations = await lloyd(state, centroids, k, own, settings);
        // Final assignment against the final centres, so labels and inertia agree with them.
        final = await assignAll(state, centroids, k, own);
      }
      if (!best || final.inertia < best.inertia) best = { centroids, iterations, ...final };
    }
    options.onProgress?.(1);
    return best as KMeansResult;
  } finally {
    if (!runner) await own.close();
  }
}
