import { edgesegError } from '../lib/errors';
import type { BeaconQueue } from '../store/beacon-queue';
import type { EventsPayload, PageViewReport } from '../types/measure';
import type { Beacon, BeaconHost } from './host';
import { randomize } from './randomized-response';
import type { Vitals } from './vitals';
import type { RequestDeclaration } from '../types/privacy';

/** The privacy manifest's entry for the beacon's requests. */
export const BEACON_REQUEST: RequestDeclaration = {
  what: 'anonymous page-view reports (edgeseg-events/1) POSTed to the configured collector (`measurement.beacon.url`)',
  when: 'batched while the page is open, and when it is hidden or left; retried after a failure',
  carries:
    'per page view: a random report id, the hour (UTC), the device class, the bundle version, the segment, how typical of the segment the visitor is (one of four bands of the training distances to its centroid, when the bundle has them), the experiment arms shown, which goals were reached (with counts and values, or a randomized bit under `epsilon`), and LCP/CLS/INP; no visitor identifier, no URL, no raw events',
  purpose: 'measurement',
};

/** The payload format the beacon sends and `edgeseg collect` accepts. */
export const EVENTS_FORMAT = 'edgeseg-events/1';

/** First retry delay after a 429, a 5xx or a network failure; doubled each time up to {@link MAX_BACKOFF}. */
export const FIRST_BACKOFF = 1000;
export const MAX_BACKOFF = 5 * 60_000;

/** A report of a page view still open, as the queue holds it. */
type Held = PageViewReport & { _open?: 1 };

/** A uniform draw in [0, 1) from WebCrypto: randomized response needs randomness a page cannot predict. */
export function secureRandom(): number {
  const word = new Uint32Array(1);
  globalThis.crypto.getRandomValues(word);
  return (word[0] as number) / 2 ** 32;
}

/** A report as it leaves the device: with ε, conversion bits randomized and counts and values dropped. */
export function protect(report: PageViewReport, epsilon: number | undefined, random: () => number): PageViewReport {
  if (epsilon === undefined) return report;
  return {
    ...report,
    goals: report.goals.map((g) => ({ goal: g.goal, converted: randomize(g.converted, epsilon, random()) })),
    rr: { epsilon },
  };
}

/** The request body for `reports`. */
export const payload = (reports: PageViewReport[], now: number): string =>
  JSON.stringify({
    format: EVENTS_FORMAT,
    sentAt: new Date(now).toISOString(),
    events: reports,
  } satisfies EventsPayload);

/**
 * The beacon: finished page-view reports go into a bounded queue (IndexedDB, so they
 * survive offline periods and reloads) and out in batches: `fetch` with `keepalive`
 * while the page lives, `navigator.sendBeacon` when it is hidden or left. A 429, a 5xx
 * or a network failure is retried with exponential backoff (honouring `Retry-After`);
 * another 4xx drops the batch (it can never succeed) and reports `beacon_rejected`.
 * A report is removed once a 2xx confirms it; `sendBeacon` confirms nothing, so what it
 * carried is sent again by the next page and the collector drops the copy by its id.
 */
export function startBeacon(
  host: BeaconHost,
  queue: BeaconQueue,
  vitals: Vitals | null,
  random: () => number = secureRandom,
): Beacon {
  const { platform } = host;
  const win = platform.window;
  const doc = platform.document;
  /** What is queued, as far as this page knows: the stored queue once read, then what it added. */
  const unsent = new Map<string, PageViewReport>();
  let loaded = false;
  let sending = false;
  let backoff = 0;
  let timer: unknown = null;
  let stopped = false;
  let vitalsSent = false;

  const schedule = (ms: number): void => {
    if (stopped) return;
    if (timer !== null) platform.clearTimeout(timer);
    timer = platform.setTimeout(() => {
      timer = null;
      flush();
    }, ms);
  };

  const forget = (ids: string[]): void => {
    for (const id of ids) unsent.delete(id);
    void queue.remove(ids);
  };

  async function send(): Promise<void> {
    if (!loaded) {
      loaded = true;
      for (const r of await queue.all()) {
        // Held open by a page that died before closing it: it is closed now, as it was left.
        if ((r as Held)._open) {
          const { _open, ...closed } = r as Held;
          const out = protect(closed, host.epsilon, random);
          void queue.add(out);
          if (!unsent.has(out.id)) unsent.set(out.id, out);
        } else if (!unsent.has(r.id)) unsent.set(r.id, r);
      }
    }
    const batch = [...unsent.values()].slice(0, host.batchSize);
    const f = platform.fetch;
    if (!batch.length || !f || stopped) return;
    if (win?.navigator.onLine === false) return; // the `online` event sends
    let status = 0;
    let retryAfter = 0;
    try {
      const response = await f(host.url, {
        method: 'POST',
        body: payload(batch, platform.now()),
        // text/plain is a CORS-safelisted type: no preflight, and the same body as sendBeacon's.
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        keepalive: true,
        credentials: 'omit',
      });
      status = response.status;
      retryAfter = Number(response.headers.get('retry-after')) * 1000 || 0;
    } catch {
      status = 0; // offline, DNS, CORS: retried
    }
    if (status >= 200 && status < 300) {
      backoff = 0;
      forget(batch.map((r) => r.id));
      if (unsent.size) schedule(0);
      return;
    }
    if (status === 0 || status === 429 || status >= 500) {
      backoff = Math.min(backoff ? backoff * 2 : FIRST_BACKOFF, MAX_BACKOFF);
      return schedule(Math.max(backoff, Math.min(retryAfter, MAX_BACKOFF)));
    }
    forget(batch.map((r) => r.id));
    host.report(
      edgesegError('beacon_rejected', `edgeseg: the collector refused a batch (HTTP ${status}); it was dropped`),
    );
  }

  /** A flush asked for while one runs: it runs again right after (a retry timer may fire mid-send). */
  let again = false;
  function flush(): void {
    if (stopped) return;
    if (sending) return void (again = true);
    sending = true;
    void send()
      .catch(() => {})
      .finally(() => {
        sending = false;
        if (again) {
          again = false;
          return flush();
        }
        if (!stopped && timer === null && unsent.size) schedule(backoff || host.flushInterval);
      });
  }

  function add(report: PageViewReport): void {
    if (stopped) return;
    closed.add(report.id);
    if (vitals && !vitalsSent && Object.keys(vitals).length) {
      vitalsSent = true;
      report = { ...report, vitals: { ...vitals } };
    }
    const out = protect(report, host.epsilon, random);
    unsent.set(out.id, out);
    while (unsent.size > host.maxQueue) unsent.delete(unsent.keys().next().value as string);
    void queue.add(out).then(() => {
      if (unsent.size >= host.batchSize && !backoff) flush();
      else if (timer === null && !backoff) schedule(host.flushInterval);
    });
  }

  /** Report ids closed on this page: a late `hold` of one must not reopen it. */
  const closed = new Set<string>();
  /**
   * Keeps the open report of this page view in the queue as it grows, so a page that
   * dies without `pagehide` (a crash, a killed tab, an offline reload) loses nothing:
   * the next page closes and sends it.
   */
  function hold(report: PageViewReport): void {
    if (stopped || closed.has(report.id)) return;
    void queue.add({ ...report, _open: 1 } as Held);
  }

  /** The page is hidden or left: close its report and hand everything queued to `sendBeacon`. */
  const leave = (): void => {
    const report = host.closePage();
    if (report) add(report);
    const nav = win?.navigator;
    // Offline, sendBeacon accepts and then loses the request: the queue keeps it for the next page.
    if (!nav?.sendBeacon || stopped || nav.onLine === false) return;
    const all = [...unsent.values()];
    for (let i = 0; i < all.length; i += host.batchSize) {
      const batch = all.slice(i, i + host.batchSize);
      try {
        const body = new Blob([payload(batch, platform.now())], { type: 'text/plain;charset=UTF-8' });
        // Not removed from the queue: sendBeacon never says whether it arrived. The next
        // page sends it again and the collector drops the copy by its id.
        nav.sendBeacon(host.url, body);
      } catch {
        /* kept for the next page */
      }
    }
  };
  const onVisibility = (): void => {
    if (doc?.visibilityState === 'hidden') leave();
  };
  const online = (): void => {
    backoff = 0;
    flush();
  };
  win?.addEventListener('pagehide', leave);
  win?.addEventListener('online', online);
  doc?.addEventListener('visibilitychange', onVisibility);
  // Reports left by an earlier page (offline, closed mid-send) go out now.
  flush();

  const stop = (): void => {
    stopped = true;
    if (timer !== null) platform.clearTimeout(timer);
    win?.removeEventListener('pagehide', leave);
    win?.removeEventListener('online', online);
    doc?.removeEventListener('visibilitychange', onVisibility);
  };
  return {
    add,
    hold,
    flush,
    async purge() {
      stop();
      unsent.clear();
      await queue.clear();
    },
    stop() {
      stop();
      queue.close();
    },
  };
}
