import { describe, expect, it } from 'vitest';
import { seededRandom as seeded } from '../../cli/train/random';
import { debias, randomize, truthProbability } from './randomized-response';

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
