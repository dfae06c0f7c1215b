import { describe, expect, it } from 'vitest';
import { outcomeStats, outcomeTable } from './outcome';

describe('outcome per segment', () => {
  it('a 0/1 column is a rate, with each segment its share of rows; missing values are left out', () => {
    const stats = outcomeStats('Revenue', ['a', 'b'], [0, 0, 0, 1, 1, 0], Float64Array.from([1, 0, NaN, 1, 1, 0]));
    expect(stats).toEqual({
      column: 'Revenue',
      kind: 'rate',
      overall: 0.6,
      missing: 1,
      segments: [
        { id: 'a', rows: 4, share: 0.666667, value: 0.333333, missing: 1 },
        { id: 'b', rows: 2, share: 0.333333, value: 1, missing: 0 },
      ],
    });
    expect(outcomeTable(stats, ['Shopper', 'Reader'])).toEqual([
      'segment                rows   share Revenue (rate)  label',
      'a                         4   66.7%          33.3%  Shopper',
      'b                         2   33.3%         100.0%  Reader',
      'all                       6  100.0%          60.0%  (1 rows without a value)',
    ]);
  });
  it('any other number is a mean; a segment without values shows –', () => {
    const stats = outcomeStats('PageValues', ['a', 'b'], [0, 0, 1], Float64Array.from([2.5, 4.5, NaN]));
    expect(stats.kind).toBe('mean');
    expect(stats.segments.map((s) => s.value)).toEqual([3.5, null]);
    expect(outcomeTable(stats, ['x', 'y'])[2]).toMatch(/^b\s+1\s+33\.3%\s+–  y$/);
  });
});
