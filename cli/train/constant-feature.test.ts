import { describe, expect, it } from 'vitest';
import { transformFeature } from '../../src/features/compute-features';
import { featureMatrix } from './feature-matrix';
import type { Table } from './table';
import type { TrainingSpec } from './training-spec';

const table = (constant: number): Table => ({
  header: ['varied', 'constant'],
  rows: Array.from({ length: 50 }, (_, i) => ({ line: i + 2, cells: [String(i % 7), String(constant)] })),
});

describe('constant features', () => {
  // A column whose transformed value is not exactly representable (log1p(1), 0.1, 7.3)
  // summed to a deviation of ~1e-15 instead of 0 and slipped through.
  it.each([
    ['1 under log1p', 1, 'log1p' as const, 'z' as const],
    ['0.1', 0.1, undefined, 'z' as const],
    ['7.3', 7.3, undefined, 'z' as const],
    ['7.3, minmax', 7.3, undefined, 'minmax' as const],
  ])('refuses a column constant at %s', (_, value, transform, scale) => {
    const spec: TrainingSpec = {
      features: [
        { name: 'session.pages.product', column: 'varied' },
        { name: 'session.pages.article', column: 'constant', scale, ...(transform ? { transform } : {}) },
      ],
    };
    expect(() => featureMatrix(table(value), spec, { skipBad: false, allowConstant: false })).toThrow(
      /feature session.pages.article \(column "constant"\) is constant/,
    );
  });

  it('with --allow-constant, the kept feature has a zero spread, so every live value scores 0', () => {
    const spec: TrainingSpec = {
      features: [
        { name: 'session.pages.product', column: 'varied' },
        { name: 'session.pages.article', column: 'constant', transform: 'log1p' },
      ],
    };
    const { specs, matrix } = featureMatrix(table(1), spec, { skipBad: false, allowConstant: true });
    const kept = specs[1]!;
    expect(kept.scale).toEqual({ type: 'z', mean: Math.log1p(1), std: 0 });
    expect(transformFeature(kept, 2)).toBe(0);
    for (let i = 0; i < matrix.n; i++) expect(matrix.data[i * 2 + 1]).toBe(0);
  });

  it('keeps a feature that varies only a little', () => {
    const spec: TrainingSpec = { features: [{ name: 'session.pages.product', column: 'varied' }] };
    const t: Table = {
      header: ['varied'],
      rows: Array.from({ length: 10 }, (_, i) => ({ line: i + 2, cells: [String(1000 + i * 1e-6)] })),
    };
    expect(featureMatrix(t, spec, { skipBad: false, allowConstant: false }).specs[0]!.scale).toMatchObject({
      type: 'z',
    });
  });
});
