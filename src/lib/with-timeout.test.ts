import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakePlatform } from '../../test/helpers/fake-platform';
import { withTimeout } from './with-timeout';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('withTimeout', () => {
  it("rejects with onTimeout's value when the platform's timer fires first", async () => {
    const fake = fakePlatform();
    let outcome: unknown = 'open';
    withTimeout(new Promise(() => {}), 1500, () => 'late', fake.platform).catch((e: unknown) => (outcome = e));
    expect(fake.delays).toEqual([1500]);
    await vi.advanceTimersByTimeAsync(1499);
    expect(outcome).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toBe('late');
  });

  it("settles with the promise and clears the platform's timer", async () => {
    const fake = fakePlatform();
    const clear = vi.spyOn(fake.platform, 'clearTimeout');
    await expect(withTimeout(Promise.resolve(7), 1500, () => 'late', fake.platform)).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('no')), 1500, () => 'late', fake.platform)).rejects.toThrow('no');
    expect(clear).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });
});
