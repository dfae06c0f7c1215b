import { describe, expect, it } from 'vitest';
import { eventId } from './event-id';

describe('eventId', () => {
  it('sorts by time, then by recording order within a millisecond', () => {
    const ids = [eventId(1000), eventId(1000), eventId(1000), eventId(999_999), eventId(5)];
    expect([...ids].sort()).toEqual([ids[4], ids[0], ids[1], ids[2], ids[3]]);
  });
  it('is unique across many calls', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => eventId(42)));
    expect(ids.size).toBe(10_000);
  });
});
