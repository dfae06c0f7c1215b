import { afterEach, describe, expect, it } from 'vitest';
import { createIdbStore, DB_NAME } from '../../src/store/idb-store';
import { emptyProfile } from '../../src/store/profile';
import type { EdgesegEvent } from '../../src/types/event';

const event = (i: number): EdgesegEvent => ({ id: `id-${i}`, kind: 'page', name: 'page_view', t: i, props: { pageType: 'a' } });
const names = async () => (await indexedDB.databases()).map((d) => d.name);

afterEach(async () => {
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = resolve;
  });
});

describe('IndexedDB store (real Chromium)', () => {
  it('writes events and the profile in one transaction and reads them back in a new connection', async () => {
    const store = createIdbStore(indexedDB, 2000);
    const profile = { ...emptyProfile(0), pages: 3 };
    await store.write([event(3), event(1), event(2)], profile);
    store.close();
    const again = createIdbStore(indexedDB, 2000);
    expect((await again.loadProfile())?.pages).toBe(3);
    expect((await again.exportAll()).events.map((e) => e.id)).toEqual(['id-1', 'id-2', 'id-3']);
    again.close();
  });

  it('clear() deletes the database even while another connection is open', async () => {
    const other = createIdbStore(indexedDB, 2000);
    await other.write([event(1)], emptyProfile(0));
    const store = createIdbStore(indexedDB, 2000);
    await store.loadProfile();
    await store.clear();
    expect(await names()).not.toContain(DB_NAME);
    // The other connection stepped aside and reopens on its next step.
    expect(await other.loadProfile()).toBeNull();
    await other.clear();
  });

  it('an open that never settles times out instead of hanging the page', async () => {
    // A connection that ignores versionchange blocks a delete, and every open queues
    // behind that delete: the open request never settles.
    const stubborn = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onsuccess = () => resolve(req.result);
    });
    indexedDB.deleteDatabase(DB_NAME);
    try {
      const store = createIdbStore(indexedDB, 150);
      const started = performance.now();
      await expect(store.loadProfile()).rejects.toMatchObject({ code: 'storage_unavailable' });
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      stubborn.close();
    }
  });

  it('a factory that throws rejects instead of throwing', async () => {
    const throwing = { open: () => { throw new DOMException('no', 'SecurityError'); } } as unknown as IDBFactory;
    const store = createIdbStore(throwing, 150);
    await expect(store.loadProfile()).rejects.toBeInstanceOf(DOMException);
  });
});
