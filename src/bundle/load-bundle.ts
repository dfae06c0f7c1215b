import { edgesegError, type EdgesegError } from '../lib/errors';
import { systemClock, type Timers } from '../lib/platform';

export interface FetchBundleOptions {
  url: string;
  timeoutMs: number;
  fetch: typeof fetch;
  /** The cached copy's ETag: sent as `If-None-Match`, so an unchanged bundle costs a 304. */
  etag?: string | undefined;
  /** A `Content-Length` above this is refused before the body is read. */
  maxBytes?: number;
  /** The platform's timers for the timeout; the global ones when absent. */
  timers?: Timers | undefined;
}

/** A fetched bundle: its text and ETag, or `notModified` after a 304. */
export type FetchedBundle =
  | { ok: true; notModified: false; text: string; etag: string | undefined }
  | { ok: true; notModified: true }
  | { ok: false; error: EdgesegError };

/**
 * Fetches bundle text. Never rejects: a failure comes back with a stable code, so the
 * caller keeps the default content (or the last known good bundle).
 */
export async function fetchBundleText(options: FetchBundleOptions): Promise<FetchedBundle> {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  let timedOut = false;
  const timers = options.timers ?? systemClock;
  const timer = timers.setTimeout(() => {
    timedOut = true;
    controller?.abort();
  }, options.timeoutMs);
  try {
    const init: RequestInit = { credentials: 'same-origin' };
    if (controller) init.signal = controller.signal;
    if (options.etag) init.headers = { 'if-none-match': options.etag };
    const response = await options.fetch(options.url, init);
    if (response.status === 304 && options.etag) return { ok: true, notModified: true };
    if (!response.ok) {
      return {
        ok: false,
        error: edgesegError('bundle_fetch_failed', `edgeseg: bundle request failed with HTTP ${response.status}`, {
          path: options.url,
        }),
      };
    }
    const length = Number(response.headers.get('content-length'));
    if (options.maxBytes && length > options.maxBytes) {
      controller?.abort();
      return {
        ok: false,
        error: edgesegError(
          'bundle_too_large',
          `edgeseg: bundle is ${length} bytes; the limit is ${options.maxBytes}`,
          { path: options.url },
        ),
      };
    }
    const text = await response.text();
    if (timedOut) throw new Error('timeout');
    return { ok: true, notModified: false, text, etag: response.headers.get('etag') ?? undefined };
  } catch (cause) {
    return {
      ok: false,
      error: timedOut
        ? edgesegError('bundle_timeout', `edgeseg: bundle not loaded within ${options.timeoutMs} ms`, {
            path: options.url,
          })
        : edgesegError('bundle_fetch_failed', 'edgeseg: bundle request failed', { path: options.url, cause }),
    };
  } finally {
    timers.clearTimeout(timer);
  }
}
