import type { BlockRunner } from './block-runner';
import type { KernelState } from './kernels';

/** Index drawn with probability proportional to `weights` (total `total`). */
function draw(weights: Float64Array, total: number, random: () => number): number {
  let target = random() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i] as number;
    if (target <= 0) return i;
  }
  return weights.length - 1;
}

/** The blocks' slots added up in block order: column `t` of a slot `width` wide. */
export function slotTotal(out: Float64Array, width: number, t: number): number {
  let total = 0;
  for (let at = t; at < out.length; at += width) total += out[at] as number;
  return total;
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with the greedy trials that
 * scikit-learn also uses): the first centre uniformly; for each next one, 2 + ⌊ln k⌋
 * candidates are drawn with probability proportional to D² (the squared distance to the
 * nearest centre so far) and the one that lowers the total D² most is kept. The trials
 * make bad starts much rarer than plain k-means++. All candidates of a round are measured
 * in one pass over the rows, block by block on the runner's threads; the chosen
 * candidate's distances become the new D² by swapping arrays, not copying them. Each row
 * keeps the index of its nearest centre (`state.labels`), which lets the trials skip rows a
 * candidate cannot be nearer to, and hands Hamerly its first labels. Deterministic for a
 * given `random`, whatever the number of threads.
 */
export async function seedCentroids(
  state: KernelState,
  k: number,
  random: () => number,
  runner: BlockRunner,
): Promise<Float64Array> {
  const { n, d, data } = state;
  const centroids = new Float64Array(k * d);
  const first = Math.floor(random() * n);
  centroids.set(data.subarray(first * d, first * d + d), 0);
  let total = slotTotal(await runner.run('seedStart', { k, centroids }), 1, 0);
  const trials = 2 + Math.floor(Math.log(k));
  let settle: { label: number; previous: number } | undefined;
  for (let c = 1; c < k; c++) {
    const picks = Array.from({ length: trials }, () =>
      total > 0 ? draw(state.best, total, random) : Math.floor(random() * n),
    );
    // Squared distances from each candidate to each centre chosen so far, for skipping rows.
    const gaps = new Float64Array(trials * c);
    picks.forEach((row, t) => {
      for (let e = 0; e < c; e++) {
        let sum = 0;
        for (let j = 0; j < d; j++) sum += ((data[row * d + j] as number) - (centroids[e * d + j] as number)) ** 2;
        gaps[t * c + e] = sum;
      }
    });
    const out = await runner.run('seedTrials', { k, centroids, picks, gaps, chosen: c, ...(settle ? { settle } : {}) });
    let pick = 0;
    let pickTotal = Infinity;
    for (let t = 0; t < trials; t++) {
      const sum = slotTotal(out, trials, t);
      if (sum < pickTotal) {
        pickTotal = sum;
        pick = t;
      }
    }
    const chosen = picks[pick] as number;
    centroids.set(data.subarray(chosen * d, chosen * d + d), c * d);
    const kept = state.candidates[pick] as Float64Array;
    state.candidates[pick] = state.best;
    state.best = kept;
    runner.attach(state);
    settle = { label: c, previous: pick };
    total = pickTotal;
  }
  // The last centre's rows, which no next round labels.
  if (settle) await runner.run('seedSettle', { k, centroids, settle });
  return centroids;
}
