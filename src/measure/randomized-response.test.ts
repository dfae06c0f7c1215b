import { describe, expect, it } from 'vitest';
import { debias, randomize, truthProbability } from './randomized-response';

/** A seeded PRNG (mulberry32): the simulation is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('randomized response', () => {
  it('bounds what one report reveals: P(report | converted) / P(report | not) = e^ε', () => {
    for (const epsilon of [0.5, 1, 2]) {
      const p = truthProbability(epsilon);
      expect(p / (1 - p)).toBeCloseTo(Math.exp(epsilon), 10);
    }
  });

  it.each([
    [0.5, 0.1],
    [1, 0.1],
    [2, 0.3],
  ])(
    'is unbiased after de-biasing: 100,000 simulated visitors, ε = %s, true rate %s, estimate within 0.015 (≤ 4 standard errors)',
    (epsilon, rate) => {
      const random = seeded(42);
      const n = 100_000;
      let truth = 0;
      let reported = 0;
      for (let i = 0; i < n; i++) {
        const converted = random() < rate;
        if (converted) truth++;
        if (randomize(converted, epsilon, random())) reported++;
      }
      const estimate = debias(reported, n, epsilon);
      expect(Math.abs(estimate.rate - truth / n)).toBeLessThan(0.015);
      expect(Math.abs(estimate.rate - truth / n)).toBeLessThan(4 * estimate.standardError);
      // Without de-biasing the reported share is far off: the noise is real.
      expect(Math.abs(reported / n - truth / n)).toBeGreaterThan(0.04);
    },
  );
});
