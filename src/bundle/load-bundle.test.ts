import { describe, expect, it } from 'vitest';
import { fetchBundleText } from './load-bundle';

/** A response whose body streams `chunks` pieces of `size` bytes, counting how many were pulled. */
function streamed(chunks: number, size: number, headers: Record<string, string> = {}) {
  const counter = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled === chunks) return controller.close();
      counter.pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
    cancel() {
      counter.cancelled = true;
    },
  });
  const fetchFn = (async () => new Response(body, { status: 200, headers })) as typeof fetch;
  return { fetchFn, counter };
}

describe('fetchBundleText', () => {
  it('reads a body without Content-Length as a byte-capped stream: abandoned as soon as it passes the limit', async () => {
    const { fetchFn, counter } = streamed(1000, 64 * 1024);
    const result = await fetchBundleText({ url: '/b.json', timeoutMs: 60_000, fetch: fetchFn, maxBytes: 1024 * 1024 });
    expect(result).toMatchObject({ ok: false, error: { code: 'bundle_too_large', path: '/b.json' } });
    // 16 chunks make the limit; the 17th passes it; nothing after that is read.
    expect(counter.pulled).toBeLessThanOrEqual(18);
    expect(counter.cancelled).toBe(true);
  });

  it('a body that lies in Content-Length is capped too; one within the limit is decoded as UTF-8', async () => {
    const liar = streamed(100, 64 * 1024, { 'content-length': '10' });
    const refused = await fetchBundleText({
      url: '/b.json',
      timeoutMs: 60_000,
      fetch: liar.fetchFn,
      maxBytes: 256 * 1024,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bundle_too_large' } });
    expect(liar.counter.pulled).toBeLessThanOrEqual(6);
    const text = '{"label":"Café ☕"}';
    const ok = await fetchBundleText({
      url: '/b.json',
      timeoutMs: 60_000,
      fetch: (async () => new Response(text, { headers: { etag: '"e"' } })) as typeof fetch,
      maxBytes: new TextEncoder().encode(text).length,
    });
    expect(ok).toEqual({ ok: true, text });
  });
});
