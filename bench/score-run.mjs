// The scoring benchmark body, shared by Node and Chromium (bench/score.mjs serves it to
// the page): the same typed-array code and the same tfjs chunk time the same math.

/** Deterministic pseudo-random numbers (LCG), so every run scores the same data. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

/** Median of several timed batches, in microseconds per call; each batch runs ≥ `ms`. */
function time(fn, ms) {
  for (let i = 0; i < 50; i++) fn();
  const samples = [];
  for (let r = 0; r < 5; r++) {
    let n = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < ms) {
      for (let i = 0; i < 20; i++) fn();
      n += 20;
      elapsed = performance.now() - start;
    }
    samples.push((elapsed * 1000) / n);
  }
  samples.sort((a, b) => a - b);
  return samples[2];
}

/**
 * For each k × d: nearest centroid with the typed-array scorer (distances + argmin), the
 * full assignment (plus softmax confidence and the explanation), and nearest centroid with
 * tfjs ops (sub, square, sum, argMin on the CPU backend, as a tfjs user would write it).
 */
export function runScoreBench(es, tfjs, sizes = [8, 64, 256], dims = [16, 64, 256], ms = 40) {
  const rows = [];
  for (const k of sizes) {
    for (const d of dims) {
      const next = rng(k * 1000 + d);
      const centroids = Array.from({ length: k }, () => Array.from({ length: d }, next));
      const x = Float32Array.from({ length: d }, next);
      const packed = es.packCentroids(centroids);
      const out = new Float64Array(k);
      const nearest = () => es.argmin(es.centroidDistances(packed, x, 'euclidean', out));
      const bundle = {
        format: 'edgeseg-bundle/1',
        version: 1,
        features: Array.from({ length: d }, (_, j) => ({ name: `trait.f${j}` })),
        model: { type: 'centroids', centroids },
        segments: centroids.map((_, i) => ({ id: `s${i}`, label: `Segment ${i}` })),
      };
      const scorer = es.prepareBundle(bundle);
      const full = () => es.assign(scorer, x);
      const expected = nearest();
      const viaTf = tfjs.nearest(packed.data, k, d, x);
      if (viaTf !== expected) throw new Error(`tfjs disagrees at k=${k} d=${d}: ${viaTf} vs ${expected}`);
      const typed = time(nearest, ms);
      const assignUs = time(full, ms);
      const tf = time(() => tfjs.nearest(packed.data, k, d, x), ms);
      rows.push({ k, d, typed, assign: assignUs, tfjs: tf, ratio: tf / typed });
    }
  }
  return rows;
}
