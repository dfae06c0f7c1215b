/**
 * Everything edgeseg needs from its host, injected so the core runs (and is tested) in
 * Node, happy-dom and real browsers alike. Each getter may return `null` where the
 * platform lacks the capability or forbids it (sandboxed iframes throw on `localStorage`).
 * Timers and WebCrypto come through here too, so tests drive time with fakes instead of
 * sleeping, and assert on the order of what happened rather than on wall-clock windows.
 */
export interface Platform {
  window: Window | null;
  document: Document | null;
  indexedDB(): IDBFactory | null;
  localStorage(): Storage | null;
  fetch: typeof fetch | null;
  /** Epoch milliseconds. */
  now(): number;
  /** Runs `run` after `ms` milliseconds; returns the handle {@link Platform.clearTimeout} takes. */
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** WebCrypto's `subtle`, or `null` outside a secure context. */
  subtle(): SubtleCrypto | null;
  warn(message: string, detail?: unknown): void;
}

/** The clock and timers of a {@link Platform}: what modules that wait or stamp time take (a `Platform` is one). */
export type Clock = Pick<Platform, 'now' | 'setTimeout' | 'clearTimeout'>;

/** The timers alone, for modules that only wait. */
export type Timers = Pick<Platform, 'setTimeout' | 'clearTimeout'>;

/**
 * The global clock and timers: the default wherever a clock is optional, so callers that
 * pass none behave as before. Reads the globals only when called.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function tryGet<T>(get: () => T | undefined): T | null {
  try {
    return get() ?? null;
  } catch {
    return null;
  }
}

/** The platform of the page edgeseg runs in. Reads globals only when called. */
export function browserPlatform(): Platform {
  const g = globalThis as typeof globalThis & Partial<Window>;
  return {
    window: tryGet(() => g.window),
    document: tryGet(() => g.document),
    indexedDB: () => tryGet(() => g.indexedDB),
    localStorage: () => tryGet(() => g.localStorage),
    fetch: typeof g.fetch === 'function' ? g.fetch.bind(g) : null,
    ...systemClock,
    subtle: () => tryGet(() => g.crypto?.subtle),
    warn: (message, detail) => {
      if (typeof console !== 'undefined') console.warn(message, ...(detail === undefined ? [] : [detail]));
    },
  };
}
