/**
 * Starts the bundle request at once and returns a `fetch` that hands that response to
 * the first unconditional GET of the same URL (later calls fetch normally). The core
 * uses it when no stored copy can answer (no consent yet, or memory storage), so a first
 * visit fetches the engine chunk and the bundle in parallel instead of one after the
 * other. An abort of the caller's request aborts the early one too.
 */
export function earlyFetch(fetchFn: typeof fetch, url: string): typeof fetch {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  let early: Promise<Response> | null = fetchFn(
    url,
    controller ? { credentials: 'same-origin', signal: controller.signal } : { credentials: 'same-origin' },
  );
  // Never used (the engine failed to load): its failure is nobody's unhandled rejection.
  early.catch(() => {});
  return (input, init) => {
    const headers = new Headers(init?.headers);
    if (early && String(input) === url && !headers.has('if-none-match')) {
      const response = early;
      early = null;
      init?.signal?.addEventListener('abort', () => controller?.abort());
      return response;
    }
    return fetchFn(input, init);
  };
}
