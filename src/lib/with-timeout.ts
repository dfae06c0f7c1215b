import { systemClock, type Timers } from './platform';

/**
 * Races a promise against a timer. Browsers have IndexedDB opens and fetches that never
 * settle (a blocked upgrade, a hung proxy); every such step in edgeseg goes through here
 * so the page always gets a decision. `timers` (the platform's) lets tests drive the race.
 */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  onTimeout: () => unknown,
  timers: Timers = systemClock,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = timers.setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        timers.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        timers.clearTimeout(timer);
        reject(error);
      },
    );
  });
}
