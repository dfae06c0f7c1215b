// Test helpers for the bundle loader: a fetch that replays scripted replies, a clock, and
// a loader opened on them that records what it reports and which bundles it uses.
import pagesBundle from '../fixtures/bundles/pages.json';
import { CONFIG_DEFAULTS } from '../../src/config/schema';
import type { EdgesegConfig } from '../../src/types/config';
import type { VisitorStore } from '../../src/store/store';
import type { Bundle } from '../../src/types/bundle';
import type { OpenBundleOptions } from '../../src/chunks/engine-contract';
import type { PreparedBundle } from '../../src/score/prepare-bundle';
import type { EdgesegError } from '../../src/lib/errors';
import engine from '../../src/chunks/engine';

export type Reply =
  { status?: number; body?: string; etag?: string; headers?: Record<string, string> } | 'network-error';

/** A server in a function: replies in order (the last one repeats) and records the requests. */
export function server(...replies: Reply[]) {
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

/** The loader's clock (epoch ms); tests move `clock.now` forward. */
export const clock = { now: 1_700_000_000_000 };

/** The pages fixture as bundle text, with fields replaced. */
export const text = (patch: Partial<Bundle> = {}): string => JSON.stringify({ ...pagesBundle, ...patch });

/** A loader on `fetchFn` and `store`, recording errors and the bundles it uses. */
export function open(fetchFn: typeof fetch, store: VisitorStore | null, config: Partial<EdgesegConfig> = {}) {
  const errors: EdgesegError[] = [];
  const bundles: Bundle[] = [];
  const options: OpenBundleOptions = {
    config: { ...CONFIG_DEFAULTS, bundle: '/b.json', ...config } as EdgesegConfig,
    fetch: fetchFn,
    now: () => clock.now,
    store: () => store,
    loadChunk: () => Promise.reject(new Error('no tfjs in unit tests')),
    report: (e) => errors.push(e),
    onBundle: (p: PreparedBundle) => bundles.push(p.bundle),
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

/** Waits for background work (the revalidation after stale-while-revalidate) to land. */
export async function waitFor(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out waiting');
}
