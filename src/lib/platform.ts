/**
 * Everything edgeseg needs from its host, injected so the core runs (and is tested) in
 * Node, happy-dom and real browsers alike. Each getter may return `null` where the
 * platform lacks the capability or forbids it (sandboxed iframes throw on `localStorage`).
 */
export interface Platform {
  window: Window | null;
  document: Document | null;
  indexedDB(): IDBFactory | null;
  localStorage(): Storage | null;
  fetch: typeof fetch | null;
  /** Epoch milliseconds. */
  now(): number;
  warn(message: string, detail?: unknown): void;
}

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
    window: typeof window === 'undefined' ? null : window,
    document: typeof document === 'undefined' ? null : document,
    indexedDB: () => tryGet(() => g.indexedDB),
    localStorage: () => tryGet(() => g.localStorage),
    fetch: typeof g.fetch === 'function' ? g.fetch.bind(g) : null,
    now: () => Date.now(),
    warn: (message, detail) => {
      if (typeof console !== 'undefined') console.warn(message, ...(detail === undefined ? [] : [detail]));
    },
  };
}
