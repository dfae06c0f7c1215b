import { describe, expect, it } from 'vitest';
import { countExposure, currentCounts, isCapped } from './frequency-cap';

const DAY = 24 * 3600_000;
const t0 = new Date(2026, 0, 5, 12).getTime();

describe('frequency caps', () => {
  it('caps a variant per session and resets with a new session', () => {
    const counts = currentCounts(undefined, t0, 1);
    expect(isCapped({ session: 2 }, counts, 'a')).toBe(false);
    countExposure(counts, 'a');
    countExposure(counts, 'a');
    expect(isCapped({ session: 2 }, counts, 'a')).toBe(true);
    expect(isCapped({ session: 2 }, counts, 'b')).toBe(false);
    const next = currentCounts(counts, t0 + 1000, 2);
    expect(isCapped({ session: 2 }, next, 'a')).toBe(false);
    expect(next.d['a']).toBe(2);
  });

  it('caps per day and resets the next day', () => {
    const counts = currentCounts(undefined, t0, 1);
    countExposure(counts, 'a');
    expect(isCapped({ day: 1 }, counts, 'a')).toBe(true);
    expect(isCapped({ day: 1 }, currentCounts(counts, t0 + DAY, 1), 'a')).toBe(false);
  });

  it('never caps a variant without a cap', () => {
    const counts = currentCounts(undefined, t0, 1);
    for (let i = 0; i < 5; i++) countExposure(counts, 'a');
    expect(isCapped(undefined, counts, 'a')).toBe(false);
  });
});
