import type { earlyFetch } from '../bundle/early-fetch';
import { edgesegError } from '../lib/errors';
import type { VisitorStore } from '../store/store';
import type { BundleLoader, Engine, PreparedBundle } from '../chunks/engine-contract';
import type { ClientContext } from './context';

/** The bundle in use and the engine that scores with it. */
export interface BundleLoading {
  engine(): Engine | null;
  prepared(): PreparedBundle | null;
  /**
   * Loads the engine chunk and the configured bundle (cache, network, verification).
   * `returning`: the visitor has a cached assignment, so a stored bundle is likely too.
   */
  load(returning: boolean): Promise<void>;
  /** Writes the bundle in use to the store (consent to store was just given, or the store opened). */
  save(): Promise<void> | undefined;
}

export function createBundleLoading(
  ctx: ClientContext,
  o: {
    early: typeof earlyFetch | undefined;
    /** Whether a stored copy could answer now: storing allowed and a store coming. */
    canCache(): boolean;
    opening(): Promise<void> | null;
    store(): VisitorStore | null;
    /** A bundle was accepted: the first one, or a refresh. */
    onBundle(): void;
  },
): BundleLoading {
  const { config, platform, reporter } = ctx;
  let engine: Engine | null = null;
  let prepared: PreparedBundle | null = null;
  let source: BundleLoader | null = null;

  async function load(returning: boolean): Promise<void> {
    const platformFetch = platform.fetch;
    if (!platformFetch) {
      return reporter.report(edgesegError('bundle_fetch_failed', 'edgeseg: fetch is not available'));
    }
    // Without consent (or with memory storage) no stored copy can answer: request the
    // bundle now, in parallel with the engine chunk. Nor can it on a first visit with
    // consent (no cached assignment yet): the database would only be created to miss.
    const noCache = !o.canCache() || config.storage === 'memory' || !returning;
    const fetchFn = noCache && config.bundle && o.early ? o.early(platformFetch, config.bundle) : platformFetch;
    const loaded = await ctx.load('engine').catch((cause: unknown) => {
      reporter.report(edgesegError('engine_unavailable', 'edgeseg: the scoring engine could not be loaded', { cause }));
    });
    if (!loaded) return;
    // The cache lives in the store: wait for it to open (when consent allows) before
    // reading. Not when there is no cache to read: the fetched bundle is saved once it opens.
    if (!noCache) await o.opening();
    engine = loaded;
    source = loaded.openBundle({
      config,
      fetch: fetchFn,
      now: () => platform.now(),
      timers: platform,
      subtle: platform.subtle(),
      store: o.store,
      loadChunk: ctx.load,
      report: (error) => reporter.report(error),
      onBundle: (next) => {
        prepared = next;
        o.onBundle();
      },
    });
    await source.ready;
  }

  return { engine: () => engine, prepared: () => prepared, load, save: () => source?.save() };
}
