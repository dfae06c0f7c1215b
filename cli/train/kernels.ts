/**
 * The per-block work of k-means, as pure functions over typed arrays, so the same code
 * runs on the main thread and in worker threads (cli/train/block-runner.ts). Rows are
 * cut into fixed blocks of {@link BLOCK}; each kernel call handles one block and writes
 * its partial results (sums, counts, inertia) to its own slot of `out`. The caller adds
 * the slots up in block order, so the result is the same bit for bit whichever thread
 * ran which block, and however many threads there were.
 */

/** Rows per block: small enough to balance two threads, large enough that a block is worth a task. */
export const BLOCK = 32768;

/** The arrays kernels read and write, shared with the worker threads (SharedArrayBuffer). */
export interface KernelState {
  n: number;
  d: number;
  /** The training matrix, n × d row-major. */
  data: Float64Array;
  /** k-means++: each row's squared distance to the nearest centre chosen so far. */
  best: Float64Array;
  /** k-means++: the same after adding each candidate centre, one array per candidate. */
  candidates: Float64Array[];
  labels: Int32Array;
  /** Hamerly's bounds: distance to the own centre (upper) and to any other (lower). */
  upper: Float64Array;
  lower: Float64Array;
}

/** Per-call inputs, small enough to send with every task. */
export interface KernelParams {
  k: number;
  centroids: Float64Array;
  /** k-means++: the rows drawn as candidate centres. */
  picks?: number[];
  /** k-means++: squared distance from each candidate to each centre chosen so far (picks × chosen). */
  gaps?: Float64Array;
  /** k-means++: how many centres are chosen; the index the newly chosen one gets. */
  chosen?: number;
  /**
   * k-means++: the centre chosen last (`label`) and the candidate array that now holds the
   * D² before it (`previous`): rows whose D² dropped are labelled with it, first thing.
   */
  settle?: { label: number; previous: number };
  /** Hamerly: how far each centre moved, half the gap to its nearest other centre, the largest moves. */
  moved?: Float64Array;
  halfGaps?: Float64Array;
  mostAt?: number;
  most?: number;
  next?: number;
}

export type KernelName =
  'seedStart' | 'seedTrials' | 'seedSettle' | 'assign' | 'hamerlyStart' | 'hamerlyStep' | 'hamerlyFinal' | 'final';

/** Width of one block's slot in `out`, per kernel. */
export function slotWidth(name: KernelName, p: KernelParams, d: number): number {
  if (name === 'seedStart' || name === 'seedSettle') return 1;
  if (name === 'seedTrials') return p.picks?.length ?? 0;
  if (name === 'final' || name === 'hamerlyFinal') return p.k + 1;
  return p.k * d + p.k;
}

/** Number of blocks for n rows. */
export const blockCount = (n: number): number => Math.ceil(n / BLOCK);

/** Runs one kernel on one block, writing the block's partial results to its slot of `out`. */
export function runKernel(name: KernelName, s: KernelState, p: KernelParams, block: number, out: Float64Array): void {
  const lo = block * BLOCK;
  const hi = Math.min(s.n, lo + BLOCK);
  const at = block * slotWidth(name, p, s.d);
  if (name === 'seedStart') seedStart(s, p, lo, hi, out, at);
  else if (name === 'seedTrials') seedTrials(s, p, lo, hi, out, at);
  else if (name === 'seedSettle') seedSettle(s, p, lo, hi);
  else if (name === 'assign') assign(s, p, lo, hi, out, at);
  else if (name === 'hamerlyStart') hamerlyStart(s, p, lo, hi, out, at);
  else if (name === 'hamerlyStep') hamerlyStep(s, p, lo, hi, out, at);
  else if (name === 'hamerlyFinal') hamerlyFinal(s, p, lo, hi, out, at);
  else final(s, p, lo, hi, out, at);
}

/** Squared distance between row `i` of `data` and row `c` of `centroids`. */
function dist2(data: Float64Array, i: number, centroids: Float64Array, c: number, d: number): number {
  let sum = 0;
  for (let j = 0; j < d; j++) {
    const diff = (data[i + j] as number) - (centroids[c + j] as number);
    sum += diff * diff;
  }
  return sum;
}

// The squared distance of the last `nearest` call: a second result without an object per row.
let nearestDistance = 0;

/** Index of the centre nearest to the row at `base` (the first on ties); its squared distance in `nearestDistance`. */
function nearest(data: Float64Array, base: number, centroids: Float64Array, k: number, d: number): number {
  let c = 0;
  let first = Infinity;
  for (let j = 0; j < k; j++) {
    const v = dist2(data, base, centroids, j * d, d);
    if (v < first) {
      first = v;
      c = j;
    }
  }
  nearestDistance = first;
  return c;
}

/** k-means++: D² of every row to the first centre, which every row is labelled with; the slot gets the block's total. */
function seedStart(s: KernelState, p: KernelParams, lo: number, hi: number, out: Float64Array, at: number): void {
  const { data, d, best, labels } = s;
  let total = 0;
  for (let i = lo; i < hi; i++) {
    total += best[i] = dist2(data, i * d, p.centroids, 0, d);
    labels[i] = 0;
  }
  out[at] = total;
}

// A row is skipped only when the triangle inequality clears it with room to spare, so
// rounding can never make a skipped distance the smaller one.
const MARGIN = 1 + 1e-9;

/**
 * k-means++ greedy trials, all candidates in one pass over the rows: for each candidate
 * row t, min(D², squared distance to t) per row into `candidates[t]`, and its block total.
 * A candidate at least twice as far from a row's nearest centre as the row itself cannot
 * be nearer to the row (triangle inequality), so the distance is not computed: on data
 * with clusters, most rows skip most candidates.
 */
function seedTrials(s: KernelState, p: KernelParams, lo: number, hi: number, out: Float64Array, at: number): void {
  const { data, d, best, candidates, labels } = s;
  const picks = p.picks as number[];
  const gaps = p.gaps as Float64Array;
  const chosen = p.chosen as number;
  seedSettle(s, p, lo, hi);
  // Row by row, every candidate: the row, its D² and its label are read once.
  const T = picks.length;
  const totals = new Float64Array(T);
  for (let i = lo; i < hi; i++) {
    const b = best[i] as number;
    const gapRow = labels[i] as number;
    const limit = 4 * b * MARGIN;
    for (let t = 0; t < T; t++) {
      let v = b;
      if ((gaps[t * chosen + gapRow] as number) < limit) {
        const e = dist2(data, i * d, data, (picks[t] as number) * d, d);
        if (e < b) v = e;
      }
      (candidates[t] as Float64Array)[i] = v;
      totals[t] = (totals[t] as number) + v;
    }
  }
  for (let t = 0; t < T; t++) out[at + t] = totals[t] as number;
}

/**
 * k-means++: rows the centre chosen last came nearer to are labelled with it (their D²,
 * now `best`, dropped below the one kept in the `previous` candidate array). Runs at the
 * start of the next round's trials, and once on its own after the last centre.
 */
function seedSettle(s: KernelState, p: KernelParams, lo: number, hi: number): void {
  if (!p.settle) return;
  const { best, labels } = s;
  const before = s.candidates[p.settle.previous] as Float64Array;
  const label = p.settle.label;
  for (let i = lo; i < hi; i++) if ((best[i] as number) < (before[i] as number)) labels[i] = label;
}

/** Adds row i to its cluster's sum and count in the slot (sums k·d, then counts k). */
function accumulate(data: Float64Array, i: number, d: number, c: number, k: number, out: Float64Array, at: number) {
  const base = at + c * d;
  for (let j = 0; j < d; j++) out[base + j] = (out[base + j] as number) + (data[i * d + j] as number);
  out[at + k * d + c] = (out[at + k * d + c] as number) + 1;
}

/** Plain Lloyd: label every row by its nearest centre, summing rows per cluster. */
function assign(s: KernelState, p: KernelParams, lo: number, hi: number, out: Float64Array, at: number): void {
  const { data, d, labels } = s;
  const { k, centroids } = p;
  out.fill(0, at, at + k * d + k);
  for (let i = lo; i < hi; i++) accumulate(data, i, d, (labels[i] = nearest(data, i * d, centroids, k, d)), k, out, at);
}

/** Nearest and second-nearest centre of row i: sets labels, upper and lower (distances, not squared). */
function rescan(s: KernelState, i: number, k: number, centroids: Float64Array): number {
  const { data, d } = s;
  let c = 0;
  let first = Infinity;
  let second = Infinity;
  for (let j = 0; j < k; j++) {
    const v = dist2(data, i * d, centroids, j * d, d);
    if (v < first) {
      second = first;
      first = v;
      c = j;
    } else if (v < second) second = v;
  }
  s.labels[i] = c;
  s.upper[i] = Math.sqrt(first);
  s.lower[i] = Math.sqrt(second);
  return c;
}

/**
 * Hamerly's first pass, straight after k-means++: the seeding left every row labelled with
 * its nearest centre and D² its squared distance, which are the labels and upper bounds a
 * full scan would give; the lower bound starts at 0 (no other centre is proved farther),
 * so the first step rescans only the rows the half-gaps between centres cannot prove.
 */
function hamerlyStart(s: KernelState, p: KernelParams, lo: number, hi: number, out: Float64Array, at: number): void {
  const { data, d, labels, upper, lower, best } = s;
  const { k } = p;
  out.fill(0, at, at + k * d + k);
  for (let i = lo; i < hi; i++) {
    upper[i] = Math.sqrt(best[i] as number);
    lower[i] = 0;
    accumulate(data, i, d, labels[i] as number, k, out, at);
  }
}

/** Hamerly's bounds moved by how far the centres moved; a row is rescanned only if they fail. Returns its label. */
function proveLabel(s: KernelState, p: KernelParams, i: number): number {
  const { data, d, labels, upper, lower } = s;
  const { k, centroids, mostAt = -1, most = 0, next = 0 } = p;
  let c = labels[i] as number;
  upper[i] = (upper[i] as number) + ((p.moved as Float64Array)[c] as number);
  lower[i] = (lower[i] as number) - (c === mostAt ? next : most);
  const bound = Math.max((p.halfGaps as Float64Array)[c] as number, lower[i] as number);
  if ((upper[i] as number) > bound) {
    upper[i] = Math.sqrt(dist2(data, i * d, centroids, c * d, d));
    if ((upper[i] as number) > bound) c = rescan(s, i, k, centroids);
  }
  return c;
}

/**
 * One Hamerly iteration after the centres moved (Hamerly 2010): the bounds move by how far
 * the centres moved, and a row is rescanned only when they no longer prove its label.
 */
function hamerlyStep(s: KernelState, p: KernelParams, lo: number, hi: number, out: Float64Array, at: number): void {
  const { data, d } = s;
  const { k } = p;
  out.fill(0, at, at + k * d + k);
  for (let i = lo; i < hi; i++) accumulate(data, i, d, proveLabel(s, p, i), k, out, at);
}

/**
 * The final assignment after Hamerly: each label proved by the bounds (or rescanned),
 * then one exact distance per row for the inertia, instead of k; sizes and inertia.
 */
function hamerlyFinal(s: KernelState, p: KernelParams, lo: number, hi: number, out: Float64Array, at: number): void {
  const { data, d } = s;
  const { k, centroids } = p;
  out.fill(0, at, at + k + 1);
  let inertia = 0;
  for (let i = lo; i < hi; i++) {
    const c = proveLabel(s, p, i);
    out[at + c] = (out[at + c] as number) + 1;
    inertia += dist2(data, i * d, centroids, c * d, d);
  }
  out[at + k] = inertia;
}

/** The reported truth: every row against the final centres; the slot gets sizes and inertia. */
function final(s: KernelState, p: KernelParams, lo: number, hi: number, out: Float64Array, at: number): void {
  const { data, d, labels } = s;
  const { k, centroids } = p;
  out.fill(0, at, at + k + 1);
  let inertia = 0;
  for (let i = lo; i < hi; i++) {
    const c = (labels[i] = nearest(data, i * d, centroids, k, d));
    out[at + c] = (out[at + c] as number) + 1;
    inertia += nearestDistance;
  }
  out[at + k] = inertia;
}
