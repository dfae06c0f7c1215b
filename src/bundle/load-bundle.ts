import { edgesegError, type EdgesegError } from '../lib/errors';

export interface FetchBundleOptions {
  url: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

/**
 * Fetches bundle text. Never rejects: a failure comes back with a stable code, so the
 * caller keeps the default content.
 */
export async function fetchBundleText(options: FetchBundleOptions): Promise<{ ok: true; text: string } | { ok: false; error: EdgesegError }> {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller?.abort();
  }, options.timeoutMs);
  try {
    const init: RequestInit = { credentials: 'same-origin' };
    if (controller) init.signal = controller.signal;
    const response = await options.fetch(options.url, init);
    if (!response.ok) {
      return { ok: false, error: edgesegError('bundle_fetch_failed', `edgeseg: bundle request failed with HTTP ${response.status}`, { path: options.url }) };
    }
    const text = await response.text();
    if (timedOut) throw new Error('timeout');
    return { ok: true, text };
  } catch (cause) {
    return {
      ok: false,
      error: timedOut
        ? edgesegError('bundle_timeout', `edgeseg: bundle not loaded within ${options.timeoutMs} ms`, { path: options.url })
        : edgesegError('bundle_fetch_failed', 'edgeseg: bundle request failed', { path: options.url, cause }),
    };
  } finally {
    clearTimeout(timer);
  }
}
