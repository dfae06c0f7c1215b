/**
 * Races a promise against a timer. Browsers have IndexedDB opens and fetches that never
 * settle (a blocked upgrade, a hung proxy); every such step in edgeseg goes through here
 * so the page always gets a decision.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
