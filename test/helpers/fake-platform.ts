import { IDBFactory } from 'fake-indexeddb';
import type { Platform } from '../../src/lib/platform';

/** A platform for unit tests and what it records; see {@link fakePlatform}. */
export interface FakePlatform {
  platform: Platform;
  /** A fresh fake IndexedDB of this platform alone. */
  idb: IDBFactory;
  /** The platform's clock (epoch ms): tests move `clock.t` by hand. */
  clock: { t: number };
  /** What the platform's own localStorage holds (unless overridden). */
  storage: Map<string, string>;
  warnings: string[];
  /**
   * The delay of every timer set through the platform, in order: a test checks that a
   * module waits on the injected timers (not the globals) and for how long.
   */
  delays: number[];
}

/** A Storage over a Map, so tests can read exactly what was written. */
function mapStorage(storage: Map<string, string>): Storage {
  return {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, String(v)),
    removeItem: (k: string) => void storage.delete(k),
    clear: () => storage.clear(),
    key: (i: number) => [...storage.keys()][i] ?? null,
    get length() {
      return storage.size;
    },
  };
}

/**
 * The one fake platform of the unit tests: happy-dom's window and document, a fresh fake
 * IndexedDB, a localStorage of its own over a Map, a clock that moves only when a
 * test moves it, and the global timers (so `vi.useFakeTimers()` drives them), each delay
 * recorded in `delays`. Override any member, e.g. `fetch`.
 */
export function fakePlatform(overrides: Partial<Platform> = {}): FakePlatform {
  const idb = new IDBFactory();
  const clock = { t: Date.UTC(2026, 10, 23, 12) };
  const warnings: string[] = [];
  const storage = new Map<string, string>();
  const delays: number[] = [];
  const local = mapStorage(storage);
  const platform: Platform = {
    window,
    document,
    indexedDB: () => idb,
    localStorage: () => local,
    fetch: null,
    now: () => clock.t,
    setTimeout: (run, ms) => {
      delays.push(ms);
      return setTimeout(run, ms);
    },
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    subtle: () => globalThis.crypto?.subtle ?? null,
    warn: (message) => void warnings.push(message),
    ...overrides,
  };
  return { platform, idb, clock, storage, warnings, delays };
}
