import { describe, expect, it } from 'vitest';
import { combineOpinions, combineStatus } from './combine';

describe('combining consent sources: any denial wins', () => {
  it('denied beats pending beats granted; nothing said is undefined', () => {
    expect(combineStatus(['granted', 'denied', 'pending'])).toBe('denied');
    expect(combineStatus(['granted', 'pending'])).toBe('pending');
    expect(combineStatus(['granted', undefined])).toBe('granted');
    expect(combineStatus([undefined])).toBeUndefined();
  });

  it('combines purpose by purpose and leaves out purposes nobody speaks for', () => {
    expect(
      combineOpinions([{ personalization: 'granted' }, { personalization: 'granted', measurement: 'denied' }, null]),
    ).toEqual({
      personalization: 'granted',
      measurement: 'denied',
    });
    expect(combineOpinions([null, undefined])).toBeNull();
  });
});
