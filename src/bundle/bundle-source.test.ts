import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory-store';
import type { Bundle } from '../types/bundle';
import type { CachedBundle, PreparedBundle } from '../types/engine';
import { clock, open, server, text, waitFor } from '../../test/helpers/bundle-loader';

type NodeEvents = (event: 'unhandledRejection', listener: (reason: unknown) => void) => void;

describe('BundleLoader', () => {
  it('caches, and once older than bundleMaxAge refetches it: the same text renews it; no ETag is kept or sent', async () => {
    const store = createMemoryStore();
    const first = server({ body: text(), etag: '"visitor-7f3a"' });
    const a = open(first.fetchFn, store);
    await a.loader.ready;
    expect(a.versions()).toEqual([3]);
    // A server-chosen ETag stored on the device and echoed back would identify the visitor across visits.
    const saved = await store.getKv<CachedBundle>('bundle');
    expect(saved).toEqual({ text: text(), fetchedAt: clock.now, version: 3 });

    // Within maxAge: the cache is used and the network is not asked at all.
    const quiet = server('network-error');
    const b = open(quiet.fetchFn, store);
    await b.loader.ready;
    expect(b.versions()).toEqual([3]);
    expect(quiet.seen).toHaveLength(0);

    // After maxAge: used at once (stale-while-revalidate), then an unconditional GET of the same text renews it.
    clock.now += 301_000;
    const revalidate = server({ body: text(), etag: '"visitor-7f3a"' });
    const c = open(revalidate.fetchFn, store);
    await c.loader.ready;
    expect(c.versions()).toEqual([3]);
    await waitFor(() => revalidate.seen.length === 1);
    expect(revalidate.seen[0]?.ifNoneMatch).toBeNull();
    await waitFor(async () => (await store.getKv<CachedBundle>('bundle'))?.fetchedAt === clock.now);
    expect(c.errors).toEqual([]);
  });

  it('drops the ETag a record from an older version kept, and never sends it', async () => {
    const store = createMemoryStore();
    await store.putKv('bundle', { text: text(), etag: '"visitor-7f3a"', fetchedAt: clock.now - 400_000, version: 3 });
    const r = server({ body: text() });
    const loaded = open(r.fetchFn, store);
    await loaded.loader.ready;
    await waitFor(() => r.seen.length === 1);
    expect(r.seen[0]?.ifNoneMatch).toBeNull();
    await waitFor(async () => (await store.getKv<CachedBundle>('bundle'))?.fetchedAt === clock.now);
    expect(await store.getKv('bundle')).not.toHaveProperty('etag');
  });

  it('replaces a stale cache with a newer bundle in the background', async () => {
    const store = createMemoryStore();
    await open(server({ body: text() }).fetchFn, store).loader.ready;
    clock.now += 301_000;
    const c = open(server({ body: text({ version: 4 }) }).fetchFn, store);
    await c.loader.ready;
    await waitFor(() => c.bundles.length === 2);
    expect(c.versions()).toEqual([3, 4]);
    expect(await store.getKv<CachedBundle>('bundle')).toMatchObject({ version: 4 });
  });

  it('keeps the last known good when the network fails or returns garbage', async () => {
    const store = createMemoryStore();
    await open(server({ body: text() }).fetchFn, store, { bundleMaxAge: 0 }).loader.ready;
    for (const [reply, code] of [
      ['network-error', 'bundle_fetch_failed'],
      [{ status: 500, body: 'oops' }, 'bundle_fetch_failed'],
      [{ body: '<!doctype html><h1>502</h1>' }, 'bundle_html'],
      [{ body: text().slice(0, 40) }, 'bundle_invalid_json'],
      [{ body: text({ model: { type: 'centroids', centroids: [] } }) }, 'bundle_empty'],
    ] as const) {
      const r = open(server(reply).fetchFn, store, { bundleMaxAge: 0 });
      await r.loader.ready;
      await waitFor(() => r.errors.length > 0);
      expect(r.codes()).toEqual([code]);
      expect(r.versions()).toEqual([3]);
    }
  });

  it('refuses an older version than the last known good, unless allowRollback', async () => {
    const store = createMemoryStore();
    await open(server({ body: text({ version: 7 }) }).fetchFn, store, { bundleMaxAge: 0 }).loader.ready;
    const old = open(server({ body: text({ version: 5 }) }).fetchFn, store, { bundleMaxAge: 0 });
    await old.loader.ready;
    await waitFor(() => old.errors.length > 0);
    expect(old.codes()).toEqual(['bundle_rollback']);
    expect(old.versions()).toEqual([7]);
    expect(await store.getKv<CachedBundle>('bundle')).toMatchObject({ version: 7 });
    const allowed = open(server({ body: text({ version: 5 }) }).fetchFn, store, {
      bundleMaxAge: 0,
      allowRollback: true,
    });
    await allowed.loader.ready;
    await waitFor(() => allowed.bundles.length === 2);
    expect(allowed.versions()).toEqual([7, 5]);
  });

  it('refuses an expired bundle, fetched or cached', async () => {
    const past = new Date(clock.now - 1000).toISOString();
    const r = open(server({ body: text({ expiresAt: past }) }).fetchFn, null);
    await r.loader.ready;
    expect(r.codes()).toEqual(['bundle_expired']);
    expect(r.bundles).toEqual([]);
    const store = createMemoryStore();
    const soon = new Date(clock.now + 10_000).toISOString();
    await open(server({ body: text({ expiresAt: soon }) }).fetchFn, store).loader.ready;
    clock.now += 20_000;
    const later = open(server('network-error').fetchFn, store);
    await later.loader.ready;
    expect(later.codes()).toEqual(['bundle_expired', 'bundle_fetch_failed']);
    expect(later.bundles).toEqual([]);
  });

  it('refuses a 10 MB body from its Content-Length, before reading it', async () => {
    const r = open(server({ body: '{}', headers: { 'content-length': String(10 * 1024 * 1024) } }).fetchFn, null);
    await r.loader.ready;
    expect(r.codes()).toEqual(['bundle_too_large']);
  });

  it('uses a bundle whose tfjs network cannot be loaded, without propensities, and says so', async () => {
    const net = { layers: [{ units: 1, activation: 'sigmoid', weights: [[1], [1]] }], outputs: ['churn'] };
    const r = open(server({ body: text({ tfjs: net } as Partial<Bundle>) }).fetchFn, null);
    await r.loader.ready;
    expect(r.codes()).toEqual(['model_unavailable']);
    expect(r.versions()).toEqual([3]);
  });

  it('a failing background refresh over a cached bundle is reported, never an unhandled rejection', async () => {
    const store = createMemoryStore();
    await open(server({ body: text() }).fetchFn, store).loader.ready;
    clock.now += 301_000;
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    // Node's process (the unit tests run in Node); the browser tsconfig has no Node types.
    const node = (globalThis as unknown as { process: { on: NodeEvents; off: NodeEvents } }).process;
    node.on('unhandledRejection', listener);
    try {
      const r = open(server({ body: text({ version: 4 }) }).fetchFn, store);
      // The cached bundle is served; the refresh's onBundle (the client) throws.
      let calls = 0;
      const options = (r.loader as unknown as { _o: { onBundle(p: PreparedBundle): void } })._o;
      const onBundle = options.onBundle;
      options.onBundle = (p) => {
        if (++calls === 2) throw new Error('listener broke');
        onBundle(p);
      };
      await r.loader.ready;
      await waitFor(() => r.errors.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(r.codes()).toEqual(['internal']);
      expect(unhandled).toEqual([]);
    } finally {
      node.off('unhandledRejection', listener);
    }
  });
});
