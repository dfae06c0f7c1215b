import type { ConsentState, ConsentStatus, Purpose } from '../../types/consent';
import type { ConsentConfig } from '../../types/config';
import { systemClock, type Clock, type Timers } from '../../lib/platform';

/** What one source says: a status per purpose it speaks for, or `null` when it has no opinion. */
export type Opinion = Partial<ConsentState> | null;

/** A consent manager's adapter: one file each under `src/consent/sources/`. */
export interface ConsentSource {
  /** Name in receipts and in `consent.sources` of the config. */
  name: string;
  /** True when the page has this manager (for auto-detection). */
  present(win: Window): boolean;
  /**
   * Starts listening; calls `report` with every new opinion, and returns the function that
   * stops listening. A throw from `start` itself is caught by the caller; anything that
   * fails later (a consent manager found late whose API throws, a throw inside its
   * callback or event) must go to `fail`, never into the page or the consent manager.
   * `clock` is the platform's (time and timers); the global one when absent.
   */
  start(
    win: Window,
    config: ConsentConfig,
    report: (opinion: Opinion) => void,
    fail: (cause: unknown) => void,
    clock?: Clock,
  ): () => void;
}

/** `granted` when every key is on, `denied` otherwise. */
export function allOf(keys: readonly (string | number)[], isOn: (key: string | number) => boolean): ConsentStatus {
  return keys.every((key) => isOn(key)) ? 'granted' : 'denied';
}

/** The same status for every purpose. */
export function everyPurpose(status: ConsentStatus): ConsentState {
  return { personalization: status, measurement: status };
}

/** Maps each purpose through its category list (purposes without a list are left out). */
export function byMapping(
  mapping: Partial<Record<Purpose, readonly (string | number)[] | undefined>>,
  isOn: (key: string | number) => boolean,
): Partial<ConsentState> {
  const out: Partial<ConsentState> = {};
  for (const purpose of ['personalization', 'measurement'] as const) {
    const keys = mapping[purpose];
    if (keys) out[purpose] = allOf(keys, isOn);
  }
  return out;
}

/**
 * `fn`, made safe to hand to code we do not own (a consent manager's callback, a DOM
 * event): a throw goes to `fail` instead of into the caller.
 */
export function guarded<A extends unknown[]>(fn: (...args: A) => void, fail: (cause: unknown) => void) {
  return (...args: A): void => {
    try {
      fn(...args);
    } catch (cause) {
      fail(cause);
    }
  };
}

/** How often, and how many times, to look for a consent manager that loads after edgeseg. */
const POLL_MS = 100;
const POLL_LIMIT = 100;

/**
 * Runs `attach` once `find` returns the manager's API, looking again every 100 ms for up
 * to 10 s (consent managers often load after us) on `timers`. Returns the function that
 * stops looking and detaches. While nothing is attached the source's opinion stays pending.
 * Once the API is found the looking stops, also when `attach` throws: that goes to
 * `fail`, once, instead of escaping from a timer ten times a second.
 */
export function whenPresent<T>(
  find: () => T | null | undefined,
  attach: (api: T) => () => void,
  fail: (cause: unknown) => void,
  timers: Timers = systemClock,
): () => void {
  let detach: (() => void) | undefined;
  let tries = 0;
  let timer: unknown;
  const look = (): boolean => {
    let api: T | null | undefined;
    try {
      api = find();
    } catch {
      api = null;
    }
    if (api) {
      try {
        detach = attach(api);
      } catch (cause) {
        fail(cause);
      }
    }
    return !!api;
  };
  // A chain of timeouts rather than an interval: the platform's timers have no interval.
  const again = (): void => {
    timer = look() || ++tries >= POLL_LIMIT ? undefined : timers.setTimeout(again, POLL_MS);
  };
  if (!look()) timer = timers.setTimeout(again, POLL_MS);
  return () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    guarded(
      () => detach?.(),
      () => {},
    )();
  };
}
