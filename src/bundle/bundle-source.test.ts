import { beforeAll, describe, expect, it } from 'vitest';
import pagesBundle from '../../test/fixtures/bundles/pages.json';
import { keyPair, signBundle } from '../../test/helpers/sign';
import { CONFIG_DEFAULTS, type EdgesegConfig } from '../config/schema';
import { createMemoryStore } from '../store/memory-store';
import type { VisitorStore } from '../store/store';
import type { Bundle } from '../types/bundle';
import type { BundleSourceOptions, CachedBundle, PreparedBundle } from '../types/engine';
import type { EdgesegError } from '../lib/errors';
import type { PublicJwk } from './signature';
import { BundleLoader } from './bundle-source';

type NodeEvents = (event: 'unhandledRejection', listener: (reason: unknown) => void) => void;
type Reply = { status?: number; body?: string; etag?: string; headers?: Record<string, string> } | 'network-error';

/** A server in a function: replies in order (the last one repeats) and records the requests. */
function server(...replies: Reply[]) {
  const seen: { ifNoneMatch: string | null }[] = [];
  const fetchFn = (async (_url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    seen.push({ ifNoneMatch: headers.get('if-none-match') });
    const reply = replies[Math.min(seen.length - 1, replies.length - 1)] as Reply;
    if (reply === 'network-error') throw new TypeError('network down');
    const h: Record<string, string> = { ...reply.headers };
    if (reply.etag) h['etag'] = reply.etag;
    return new Response(reply.status === 304 ? null : (reply.body ?? ''), { status: reply.status ?? 200, headers: h });
  }) as typeof fetch;
  return { fetchFn, seen };
}

let clock = 1_700_000_000_000;
const text = (patch: Partial<Bundle> = {}) => JSON.stringify({ ...pagesBundle, ...patch });

function open(fetchFn: typeof fetch, store: VisitorStore | null, config: Partial<EdgesegConfig> = {}) {
  const errors: EdgesegError[] = [];
  const bundles: Bundle[] = [];
  const options: BundleSourceOptions = {
    config: { ...CONFIG_DEFAULTS, bundle: '/b.json', ...config } as EdgesegConfig,
    fetch: fetchFn,
    now: () => clock,
    store: () => store,
    loadChunk: () => Promise.reject(new Error('no tfjs in unit tests')),
    report: (e) => errors.push(e),
    onBundle: (p: PreparedBundle) => bundles.push(p.bundle),
  };
  const loader = new BundleLoader(options);
  return {
    loader,
    errors,
    bundles,
    codes: () => errors.map((e) => e.code),
    versions: () => bundles.map((b) => b.version),
  };
}

describe('BundleLoader', () => {
  it('fetches, caches with the ETag, and revalidates with If-None-Match once the cache is older than bundleMaxAge', async () => {
    const store = createMemoryStore();
    const first = server({ body: text(), etag: '"v3"' });
    const a = open(first.fetchFn, store);
    await a.loader.ready;
    expect(a.versions()).toEqual([3]);
    expect(await store.getKv<CachedBundle>('bundle')).toMatchObject({ etag: '"v3"', version: 3 });

    // Within maxAge: the cache is used and the network is not asked at all.
    const quiet = server('network-error');
    const b = open(quiet.fetchFn, store);
    await b.loader.ready;
    expect(b.versions()).toEqual([3]);
    expect(quiet.seen).toHaveLength(0);

    // After maxAge: used at once (stale-while-revalidate), then a 304 confirms it.
    clock += 301_000;
    const revalidate = server({ status: 304 });
    const c = open(revalidate.fetchFn, store);
    await c.loader.ready;
    expect(c.versions()).toEqual([3]);
    await waitFor(() => revalidate.seen.length === 1);
    expect(revalidate.seen[0]?.ifNoneMatch).toBe('"v3"');
    await waitFor(async () => (await store.getKv<CachedBundle>('bundle'))?.fetchedAt === clock);
  });

  it('replaces a stale cache with a newer bundle in the background', async () => {
    const store = createMemoryStore();
    await open(server({ body: text(), etag: '"v3"' }).fetchFn, store).loader.ready;
    clock += 301_000;
    const c = open(server({ body: text({ version: 4 }), etag: '"v4"' }).fetchFn, store);
    await c.loader.ready;
    await waitFor(() => c.bundles.length === 2);
    expect(c.versions()).toEqual([3, 4]);
    expect(await store.getKv<CachedBundle>('bundle')).toMatchObject({ version: 4, etag: '"v4"' });
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
    clock += 301_000;
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

  describe('signatures', () => {
    let keys: { pair: CryptoKeyPair; jwk: PublicJwk };
    let signed: string;
    beforeAll(async () => {
      keys = await keyPair();
      signed = JSON.stringify(await signBundle({ ...pagesBundle }, keys.pair.privateKey));
    });

    it('accepts a bundle signed with a pinned key', async () => {
      const r = open(server({ body: signed }).fetchFn, null, { publicKeys: [keys.jwk] });
      await r.loader.ready;
      expect(r.errors).toEqual([]);
      expect(r.versions()).toEqual([3]);
    });

    it('refuses a tampered, an unsigned and a foreign-key bundle, keeping the last known good', async () => {
      const store = createMemoryStore();
      await open(server({ body: signed }).fetchFn, store, { publicKeys: [keys.jwk], bundleMaxAge: 0 }).loader.ready;
      const tampered = signed.replace('"version":3', '"version":9');
      const other = await keyPair();
      const foreign = JSON.stringify(await signBundle({ ...pagesBundle, version: 9 }, other.pair.privateKey));
      for (const [body, code] of [
        [tampered, 'bundle_signature_invalid'],
        [text({ version: 9 }), 'bundle_signature_missing'],
        [foreign, 'bundle_signature_invalid'],
      ] as const) {
        const r = open(server({ body }).fetchFn, store, { publicKeys: [keys.jwk], bundleMaxAge: 0 });
        await r.loader.ready;
        await waitFor(() => r.errors.length > 0);
        expect(r.codes()).toEqual([code]);
        expect(r.versions()).toEqual([3]);
      }
    });

    it('a cached record that fails verification neither serves nor raises the rollback floor', async () => {
      const store = createMemoryStore();
      await store.putKv('bundle', {
        text: text({ version: 99 }),
        etag: '"x"',
        fetchedAt: clock,
        version: 99,
      } satisfies CachedBundle);
      const r = open(server({ body: signed }).fetchFn, store, { publicKeys: [keys.jwk] });
      await r.loader.ready;
      expect(r.errors).toEqual([]);
      expect(r.versions()).toEqual([3]);
      expect(await store.getKv<CachedBundle>('bundle')).toMatchObject({ version: 3 });
    });

    it('requireSignature without keys refuses everything; malformed keys fail closed with config_invalid', async () => {
      const r = open(server({ body: signed }).fetchFn, null, { requireSignature: true });
      await r.loader.ready;
      expect(r.codes()).toEqual(['bundle_signature_invalid']);
      const bad = open(server({ body: signed }).fetchFn, null, {
        publicKeys: [{ kty: 'EC', crv: 'P-256', x: 'short', y: 'y' }],
      });
      await bad.loader.ready;
      expect(bad.codes()).toEqual(['config_invalid', 'bundle_signature_invalid']);
      expect(bad.errors[0]?.path).toBe('publicKeys[0].x');
    });

    it('publicKeys: [] is config_invalid and fails closed (it used to turn signature checking off)', async () => {
      const unsigned = open(server({ body: text() }).fetchFn, null, { publicKeys: [] });
      await unsigned.loader.ready;
      expect(unsigned.codes()).toEqual(['config_invalid', 'bundle_signature_missing']);
      expect(unsigned.errors[0]?.path).toBe('publicKeys');
      expect(unsigned.errors[0]?.message).toContain('at least 1');
      expect(unsigned.versions()).toEqual([]);
      const withSignature = open(server({ body: signed }).fetchFn, null, { publicKeys: [] });
      await withSignature.loader.ready;
      expect(withSignature.codes()).toEqual(['config_invalid', 'bundle_signature_invalid']);
      expect(withSignature.versions()).toEqual([]);
    });

    it('a signed bundle with weightsUrl but no weightsSha256 is refused before the weights are requested', async () => {
      const net = {
        layers: [{ units: 1, activation: 'sigmoid' }],
        outputs: ['churn'],
        weightsUrl: 'https://cdn.example/w.bin',
      };
      const body = JSON.stringify(await signBundle({ ...pagesBundle, tfjs: net }, keys.pair.privateKey));
      const requests = server({ body });
      const r = open(requests.fetchFn, null, { publicKeys: [keys.jwk] });
      await r.loader.ready;
      expect(r.codes()).toEqual(['bundle_invalid']);
      expect(r.errors[0]?.path).toBe('tfjs.weightsSha256');
      expect(r.versions()).toEqual([]);
      expect(requests.seen).toHaveLength(1);
    });

    it('pinned keys require a signature: requireSignature: false beside them is config_invalid, nothing unsigned gets in', async () => {
      const r = open(server({ body: text() }).fetchFn, null, { publicKeys: [keys.jwk], requireSignature: false });
      await r.loader.ready;
      expect(r.codes()).toEqual(['config_invalid', 'bundle_signature_missing']);
      expect(r.errors[0]?.path).toBe('requireSignature');
      expect(r.versions()).toEqual([]);
    });
  });
});

/** Waits for background work (the revalidation after stale-while-revalidate) to land. */
async function waitFor(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out waiting');
}
