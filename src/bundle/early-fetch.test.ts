import { describe, expect, it, vi } from 'vitest';
import { earlyFetch } from './early-fetch';

describe('earlyFetch', () => {
  it('starts the request at once and hands it to the first plain GET of that URL only', async () => {
    const fetchFn = vi.fn(async () => new Response('body'));
    const wrapped = earlyFetch(fetchFn as unknown as typeof fetch, '/b.json');
    expect(fetchFn).toHaveBeenCalledTimes(1);
    expect(await (await wrapped('/b.json', {})).text()).toBe('body');
    expect(fetchFn).toHaveBeenCalledTimes(1);
    await wrapped('/b.json', {});
    await wrapped('/b.json', { headers: { 'if-none-match': '"x"' } });
    expect(fetchFn).toHaveBeenCalledTimes(3);
  });

  it('aborts the early request when the caller aborts (timeouts still work)', async () => {
    let signal: AbortSignal | undefined;
    const fetchFn = vi.fn((_: unknown, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return new Promise<Response>(() => {});
    });
    const wrapped = earlyFetch(fetchFn as unknown as typeof fetch, '/b.json');
    const caller = new AbortController();
    void wrapped('/b.json', { signal: caller.signal });
    caller.abort();
    expect(signal?.aborted).toBe(true);
  });

  it('never leaves an unhandled rejection when the early request is not used', async () => {
    const onUnhandled = vi.fn();
    const { process, setImmediate } = globalThis as unknown as {
      process: { on(e: string, f: () => void): void; off(e: string, f: () => void): void };
      setImmediate(run: (value?: unknown) => void): void;
    };
    process.on('unhandledRejection', onUnhandled);
    earlyFetch((() => Promise.reject(new Error('offline'))) as typeof fetch, '/b.json');
    // Node reports a rejection as unhandled when the microtasks of the task that made it
    // have run: by the next task it would have been.
    await new Promise((r) => setImmediate(r));
    process.off('unhandledRejection', onUnhandled);
    expect(onUnhandled).not.toHaveBeenCalled();
  });
});
