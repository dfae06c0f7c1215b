import { edgesegError, type EdgesegError } from '../lib/errors';
import type { RequestDeclaration } from '../types/privacy';
import { systemClock, type Timers } from '../lib/platform';

export interface FetchBundleOptions {
  url: string;
  timeoutMs: number;
  fetch: typeof fetch;
  /**
   * UTF-8 bytes at most: a `Content-Length` above it is refused before the body is read,
   * and a body is abandoned as soon as it passes it (`bundle_too_large`).
   */
  maxBytes?: number;
  /** The platform's timers for the timeout; the global ones when absent. */
  timers?: Timers | undefined;
}

/**
 * A fetched bundle's text. Always an unconditional GET: no ETag is kept or sent (it would
 * be a server-chosen identifier stored on the device); the caller compares texts.
 */
export type FetchedBundle = { ok: true; text: string } | { ok: false; error: EdgesegError };

const tooLarge = (options: FetchBundleOptions, size: number | string): FetchedBundle => ({
  ok: false,
  error: edgesegError('bundle_too_large', `edgeseg: bundle is ${size} bytes; the limit is ${options.maxBytes}`, {
    path: options.url,
  }),
});

/**
 * The body as UTF-8 text, read chunk by chunk and abandoned (the request aborted) as soon
 * as it passes `maxBytes`: a chunked body without `Content-Length`, or one that lies about
 * it, is never held whole. `null` when it is too large.
 */
async function readCapped(
  response: Response,
  maxBytes: number,
  controller: AbortController | null,
): Promise<string | null> {
  const reader = response.body?.getReader();
  if (!reader) {
    const buffer = await response.arrayBuffer();
    return buffer.byteLength > maxBytes ? null : new TextDecoder().decode(buffer);
  }
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      controller?.abort();
      void reader.cancel().catch(() => {});
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** The privacy manifest's entry for the bundle request. */
export const BUNDLE_REQUEST: RequestDeclaration = {
  what: 'the segment model (the bundle JSON at the configured `bundle` URL)',
  when: 'at start, unless a cached copy is fresh (`bundleMaxAge`); revalidated in the background',
  carries: "nothing: a GET with no query, body or header of edgeseg's (same-origin credentials only)",
  purpose: null,
};

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
    const response = await options.fetch(options.url, init);
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
      return tooLarge(options, length);
    }
    const text = await readCapped(response, options.maxBytes ?? Infinity, controller);
    if (timedOut) throw new Error('timeout');
    if (text === null) return tooLarge(options, `more than ${options.maxBytes}`);
    return { ok: true, text };
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
