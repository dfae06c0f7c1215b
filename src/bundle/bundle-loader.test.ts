import { afterEach, describe, expect, it, vi } from 'vitest';
import pagesBundle from '../../test/fixtures/bundles/pages.json';
import { fakePlatform } from '../../test/helpers/fake-platform';
import { createSignal } from '../../test/helpers/signal';
import { keyPair, signBundle } from '../../test/helpers/sign';
import { CONFIG_DEFAULTS } from '../config/schema';
import type { EdgesegConfig } from '../types/config';
import { createMemoryStore } from '../store/memory-store';
import type { VisitorStore } from '../store/store';
import type { Bundle } from '../types/bundle';
import engine from '../chunks/engine';
import type { OpenBundleOptions } from '../chunks/engine-contract';
import type { PreparedBundle } from '../score/prepare-bundle';
import type { EdgesegError } from '../lib/errors';
import type { ChunkLoader } from '../chunks/loader-contract';
import { toBase64Url } from './signature';
import { openBundleLoader, type CachedBundle } from './bundle-loader';
import { server } from '../../test/helpers/bundle-loader';

let clock = 1_700_000_000_000;
const text = (patch: Partial<Bundle> = {}) => JSON.stringify({ ...pagesBundle, ...patch });

/** Every report, accepted bundle and cache write: background refreshes are awaited through it. */
const signal = createSignal();

/** A memory store whose cache writes are recorded (`puts`, the values in order) and signalled. */
function watchedStore() {
  const store = createMemoryStore();
  const puts: CachedBundle[] = [];
  const putKv = store.putKv.bind(store);
  store.putKv = async (key, value) => {
    await putKv(key, value);
    puts.push(value as CachedBundle);
    signal.changed();
  };
  return { store, puts };
}

function open(
  fetchFn: typeof fetch,
  store: VisitorStore | null,
  config: Partial<EdgesegConfig> = {},
  more: Partial<OpenBundleOptions> = {},
) {
  const errors: EdgesegError[] = [];
  const bundles: Bundle[] = [];
  const options: OpenBundleOptions = {
    config: { ...CONFIG_DEFAULTS, bundle: '/b.json', ...config } as EdgesegConfig,
    fetch: fetchFn,
    now: () => clock,
    store: () => store,
    loadChunk: () => Promise.reject(new Error('no tfjs in unit tests')),
    report: (e) => {
      errors.push(e);
      signal.changed();
    },
    onBundle: (p: PreparedBundle) => {
      bundles.push(p.bundle);
      signal.changed();
    },
    ...more,
  };
  // Through the engine, as the client opens it: the engine supplies the prepare step.
  const loader = engine.openBundle(options);
  return {
    loader,
    errors,
    bundles,
    codes: () => errors.map((e) => e.code),
    versions: () => bundles.map((b) => b.version),
  };
}

describe('BundleLoader', () => {
  it('caches, and once older than bundleMaxAge refetches it: the same text renews it; no ETag is kept or sent', async () => {
    const { store, puts } = watchedStore();
    const first = server({ body: text(), etag: '"visitor-7f3a"' });
    const a = open(first.fetchFn, store);
    await a.loader.ready;
    expect(a.versions()).toEqual([3]);
    // A server-chosen ETag stored on the device and echoed back would identify the visitor across visits.
    expect(await store.getKv<CachedBundle>('bundle')).toEqual({ text: text(), fetchedAt: clock, version: 3 });

    // Within maxAge: the cache is used and the network is not asked at all.
    const quiet = server('network-error');
    const b = open(quiet.fetchFn, store);
    await b.loader.ready;
    expect(b.versions()).toEqual([3]);
    expect(quiet.seen).toHaveLength(0);

    // After maxAge: used at once (stale-while-revalidate), then an unconditional GET of the same text renews it.
    clock += 301_000;
    const revalidate = server({ body: text(), etag: '"visitor-7f3a"' });
    const c = open(revalidate.fetchFn, store);
    await c.loader.ready;
    expect(c.versions()).toEqual([3]);
    await signal.until(() => puts.at(-1)?.fetchedAt === clock);
    expect(revalidate.seen).toEqual([{ ifNoneMatch: null }]);
    expect(await store.getKv<CachedBundle>('bundle')).toEqual({ text: text(), fetchedAt: clock, version: 3 });
    expect(c.errors).toEqual([]);
  });

  it('drops the ETag a record from an older version kept, and never sends it', async () => {
    const { store, puts } = watchedStore();
    await store.putKv('bundle', { text: text(), etag: '"visitor-7f3a"', fetchedAt: clock - 400_000, version: 3 });
    const r = server({ body: text() });
    const loaded = open(r.fetchFn, store);
    await loaded.loader.ready;
    await signal.until(() => puts.at(-1)?.fetchedAt === clock);
    expect(r.seen).toEqual([{ ifNoneMatch: null }]);
    expect(await store.getKv('bundle')).not.toHaveProperty('etag');
  });

  it('replaces a stale cache with a newer bundle in the background', async () => {
    const { store, puts } = watchedStore();
    await open(server({ body: text(), etag: '"v3"' }).fetchFn, store).loader.ready;
    clock += 301_000;
    const c = open(server({ body: text({ version: 4 }), etag: '"v4"' }).fetchFn, store);
    await c.loader.ready;
    await signal.until(() => puts.at(-1)?.version === 4);
    expect(c.versions()).toEqual([3, 4]);
    expect(await store.getKv<CachedBundle>('bundle')).toMatchObject({ version: 4 });
    expect(await store.getKv('bundle')).not.toHaveProperty('etag');
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
      await signal.until(() => r.errors.length > 0);
      expect(r.codes()).toEqual([code]);
      expect(r.versions()).toEqual([3]);
    }
  });

  it('a foreign error with a `code` (Node-style ECONNRESET) reaches on(error) as ours, with a stable code', async () => {
    const store = createMemoryStore();
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    store.getKv = () => {
      throw reset;
    };
    const r = open(server({ body: text() }).fetchFn, store);
    await r.loader.ready;
    expect(r.codes()).toEqual(['internal']);
    expect(r.errors[0]?.cause).toBe(reset);
  });

  it('refuses an older version than the last known good, unless allowRollback', async () => {
    const store = createMemoryStore();
    await open(server({ body: text({ version: 7 }) }).fetchFn, store, { bundleMaxAge: 0 }).loader.ready;
    const old = open(server({ body: text({ version: 5 }) }).fetchFn, store, { bundleMaxAge: 0 });
    await old.loader.ready;
    await signal.until(() => old.errors.length > 0);
    expect(old.codes()).toEqual(['bundle_rollback']);
    expect(old.versions()).toEqual([7]);
    expect(await store.getKv<CachedBundle>('bundle')).toMatchObject({ version: 7 });
    const allowed = open(server({ body: text({ version: 5 }) }).fetchFn, store, {
      bundleMaxAge: 0,
      allowRollback: true,
    });
    await allowed.loader.ready;
    await signal.until(() => allowed.bundles.length === 2);
    expect(allowed.versions()).toEqual([7, 5]);
  });

  it('refuses an expired bundle, fetched or cached', async () => {
    const past = new Date(clock - 1000).toISOString();
    const r = open(server({ body: text({ expiresAt: past }) }).fetchFn, null);
    await r.loader.ready;
    expect(r.codes()).toEqual(['bundle_expired']);
    expect(r.bundles).toEqual([]);
    const store = createMemoryStore();
    const soon = new Date(clock + 10_000).toISOString();
    await open(server({ body: text({ expiresAt: soon }) }).fetchFn, store).loader.ready;
    clock += 20_000;
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

  it("hands each verified bundle to the caller's prepare step and passes on what it makes", async () => {
    const made: { bundle: Bundle; n: number }[] = [];
    const errors: string[] = [];
    const loader = openBundleLoader({
      config: { ...CONFIG_DEFAULTS, bundle: '/b.json' } as EdgesegConfig,
      fetch: server({ body: text({ version: 5 }) }).fetchFn,
      now: () => clock,
      store: () => null,
      report: (e) => errors.push(e.code),
      prepare: (bundle) => ({ bundle, n: made.length }),
      onBundle: (p) => made.push(p),
    });
    await loader.ready;
    expect(errors).toEqual([]);
    expect(made.map((p) => [p.bundle.version, p.n])).toEqual([[5, 0]]);
  });

  it('uses a bundle whose tfjs network cannot be loaded, without propensities, and says so', async () => {
    const net = { layers: [{ units: 1, activation: 'sigmoid', weights: [[1], [1]] }], outputs: ['churn'] };
    const r = open(server({ body: text({ tfjs: net } as Partial<Bundle>) }).fetchFn, null);
    await r.loader.ready;
    expect(r.codes()).toEqual(['model_unavailable']);
    expect(r.versions()).toEqual([3]);
  });

  describe("on the platform's timers and WebCrypto", () => {
    afterEach(() => void vi.useRealTimers());

    it('bundleTimeout runs on the injected timers', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const fake = fakePlatform();
      // A request that hangs until it is aborted, as a stalled proxy does.
      const hanging = ((_url: string, init?: RequestInit) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        )) as typeof fetch;
      const r = open(hanging, null, { bundleTimeout: 4000 }, { timers: fake.platform });
      let ready = false;
      void r.loader.ready.then(() => (ready = true));
      await vi.advanceTimersByTimeAsync(3999);
      expect(ready).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await r.loader.ready;
      expect(r.codes()).toEqual(['bundle_timeout']);
      expect(fake.delays).toEqual([4000]);
    });

    it('verifies signatures with the injected WebCrypto; none (null) refuses a signed bundle', async () => {
      const keys = await keyPair();
      const signed = JSON.stringify(await signBundle({ ...pagesBundle }, keys.pair.privateKey));
      const real = globalThis.crypto.subtle;
      const subtle = { importKey: vi.fn(real.importKey.bind(real)), verify: vi.fn(real.verify.bind(real)) };
      const ok = open(
        server({ body: signed }).fetchFn,
        null,
        { publicKeys: [keys.jwk] },
        {
          subtle: subtle as unknown as SubtleCrypto,
        },
      );
      await ok.loader.ready;
      expect(ok.versions()).toEqual([3]);
      expect(subtle.verify).toHaveBeenCalledTimes(1);
      const none = open(server({ body: signed }).fetchFn, null, { publicKeys: [keys.jwk] }, { subtle: null });
      await none.loader.ready;
      expect(none.codes()).toEqual(['bundle_signature_invalid']);
      expect(none.errors[0]?.message).toContain('WebCrypto');
    });

    it('checks weightsSha256 with the injected WebCrypto; without one the network is refused', async () => {
      const weights = new Float32Array([0.5, -0.5, 0.1]).buffer;
      const sha = toBase64Url(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', weights)));
      const net = {
        layers: [{ units: 1, activation: 'sigmoid' }],
        outputs: ['churn'],
        weightsUrl: 'w.bin',
        weightsSha256: sha,
      };
      const body = text({ tfjs: net } as Partial<Bundle>);
      const fetchFn = (async (url: string) =>
        new Response(String(url).endsWith('w.bin') ? weights : body, { status: 200 })) as typeof fetch;
      const runner = { predict: () => new Float32Array([0.5]) };
      const loadChunk = (() => Promise.resolve({ createNet: async () => runner })) as unknown as ChunkLoader;
      const real = globalThis.crypto.subtle;
      const subtle = { digest: vi.fn(real.digest.bind(real)) };
      const ok = open(fetchFn, null, {}, { loadChunk, subtle: subtle as unknown as SubtleCrypto });
      await ok.loader.ready;
      expect(ok.errors).toEqual([]);
      expect(subtle.digest).toHaveBeenCalledTimes(1);
      const none = open(fetchFn, null, {}, { loadChunk, subtle: null });
      await none.loader.ready;
      expect(none.codes()).toEqual(['model_unavailable']);
      expect(none.versions()).toEqual([3]);
    });
  });
});
