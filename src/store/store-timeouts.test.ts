import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakePlatform, type FakePlatform } from '../../test/helpers/fake-platform';
import type { EdgesegError } from '../lib/errors';
import { deleteDatabase } from './delete-database';
import { openResilientStore } from './resilient-store';
import { DEFAULT_RETENTION } from '../config/retention';
import { DB_NAME } from './schema';

/**
 * Another tab's connection to an older version that never steps aside (no `versionchange`
 * handler): our upgrade and our delete stay blocked, so only the timeout can end them.
 */
async function holdOldVersion(fake: FakePlatform): Promise<void> {
  const request = fake.idb.open(DB_NAME, 1);
  await new Promise((resolve) => (request.onsuccess = resolve));
}

// Only the timers: fake-indexeddb schedules its own work with setImmediate, which stays real.
beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => void vi.useRealTimers());

describe("IndexedDB timeouts on the platform's timers", () => {
  it('a blocked open falls back to memory when the injected timer fires, not before', async () => {
    const fake = fakePlatform();
    await holdOldVersion(fake);
    const errors: EdgesegError[] = [];
    const store = openResilientStore({
      indexedDB: fake.idb,
      persistent: true,
      timeout: 1500,
      retention: DEFAULT_RETENTION,
      now: fake.platform.now,
      timers: fake.platform,
      report: (error) => errors.push(error),
    });
    let settled = false;
    const loading = store.loadProfile().finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(1499);
    expect(settled).toBe(false);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await loading).toBeNull();
    expect(errors.map((e) => e.code)).toEqual(['storage_unavailable']);
    expect(fake.delays).toEqual([1500]);
    expect(store.kind).toBe('memory');
  });

  it('a blocked delete is given up when the injected timer fires', async () => {
    const fake = fakePlatform();
    await holdOldVersion(fake);
    let outcome: unknown = 'open';
    deleteDatabase(fake.idb, 1500, fake.platform).catch((e: EdgesegError) => (outcome = e.code));
    await vi.advanceTimersByTimeAsync(1499);
    expect(outcome).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toBe('storage_failed');
    expect(fake.delays).toEqual([1500]);
  });
});
