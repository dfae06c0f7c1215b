import { describe, expect, it } from 'vitest';
import { chiSquare, moments, newcomb, quantile, welch, wilson, zFor } from './stats';

const z = zFor(0.95);

describe('report statistics', () => {
  it("Wilson's interval matches Newcomb (1998), table I: 81/263", () => {
    const { low, high } = wilson(81, 263, z);
    expect(low).toBeCloseTo(0.2553, 4);
    expect(high).toBeCloseTo(0.3662, 4);
  });

  it("Newcomb's hybrid score interval matches his worked example 56/70 − 48/80 (method 10)", () => {
    const { low, high } = newcomb(56, 70, 48, 80, z);
    expect(low).toBeCloseTo(0.0524, 4);
    expect(high).toBeCloseTo(0.3339, 4);
  });

  it("Newcomb's interval stays sensible at zero conversions, where Wald collapses to a point", () => {
    const { low, high } = newcomb(0, 50, 0, 50, z);
    expect(low).toBeLessThan(-0.05);
    expect(high).toBeGreaterThan(0.05);
  });

  it("Welch's interval equals scipy's (ttest_ind equal_var=False, t quantile at Welch–Satterthwaite df)", () => {
    const a = [0, 0, 10, 0, 5, 0, 0, 20.5];
    const b = [0, 1, 0, 0, 2, 0, 0, 0, 0, 3];
    const m = (xs: number[]) =>
      moments(
        xs.length,
        xs.reduce((s, x) => s + x, 0),
        xs.reduce((s, x) => s + x * x, 0),
      );
    const w = welch(m(a), m(b), 0.95)!;
    expect(w.low).toBeCloseTo(-2.3952452444402472, 9);
    expect(w.high).toBeCloseTo(10.070245244440247, 9);
    expect(w.df).toBeCloseTo(7.234045687956073, 9);
    expect(welch(m([1]), m(b), 0.95)).toBeNull();
  });

  it('chi-square p-values match scipy', () => {
    expect(chiSquare([60, 40], [1, 1]).chi2).toBeCloseTo(4, 12);
    expect(chiSquare([60, 40], [1, 1]).p).toBeCloseTo(0.0455003, 6);
    expect(chiSquare([50, 40], [5, 4]).p).toBeCloseTo(1, 12);
    expect(chiSquare([1], [1]).p).toBe(1);
  });

  it('p75 is the nearest-rank value', () => {
    expect(quantile(Float64Array.from([4, 1, 3, 2]), 0.75)).toBe(3);
    expect(quantile(Float64Array.from([5]), 0.75)).toBe(5);
    expect(quantile(new Float64Array(0), 0.75)).toBeNull();
  });
});
