/**
 * Runs `run` with `entries` added to `Object.prototype` (as a prototype-pollution bug in a
 * host page would), then removes them. Non-enumerable by default, the harder case: it
 * survives spreads and `Object.keys` unseen, and shows only where a missing key is read.
 */
export function polluted<T>(entries: Record<string, unknown>, run: () => T, enumerable = false): T {
  for (const [key, value] of Object.entries(entries))
    Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true, enumerable });
  try {
    return run();
  } finally {
    for (const key of Object.keys(entries)) delete (Object.prototype as Record<string, unknown>)[key];
  }
}
