import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright';
import { startCollector, type Collector } from '../../cli/collect/server';
import { edgesegReady, storageSeen, type PageErrors } from './browser';
import type { TestServer } from './server';
import { recordViolations, useSession } from './session';

type Es = {
  consent: { set(c: object): Promise<void> };
  track(name: string, props?: object): void;
  page(props?: object): void;
  on(name: string, cb: (p: unknown) => void): () => void;
  personalize(slot: string, v?: object): Promise<unknown>;
};
declare const edgeseg: Es;

const STUB = readFileSync(new URL('../../src/stub.js', import.meta.url), 'utf8').trim();
const SLOTS = `<div id="hero" data-edgeseg-slot="hero" style="height:80px;overflow:hidden"><p id="d">Welcome to the shop</p><template data-edgeseg-variant="reader"><p id="r">Guides</p></template><template data-edgeseg-variant="shopper"><p id="s">Deals for shoppers</p></template><template data-edgeseg-variant="shopper-bold"><p id="b">DEALS</p></template></div><div id="side" data-edgeseg-slot="sidebar" style="height:40px"><p id="sd">Sidebar</p><template data-edgeseg-variant="shopper"><p id="ss">Shopper sidebar</p></template></div>`;

let server: TestServer;
let context: BrowserContext;
let page: Page;
let errors: PageErrors;
let collector: Collector;
let dir: string;
let collectorUrl: string;

/** Records, before any page script, every variant element that ever appears and every dataLayer push. */
async function watchPage(ctx: BrowserContext): Promise<void> {
  await recordViolations(ctx);
  await ctx.addInitScript(() => {
    const w = window as unknown as { __seen: string[] };
    w.__seen = [];
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of Array.from(r.addedNodes))
          if (n instanceof Element && ['s', 'b', 'ss'].includes(n.id)) w.__seen.push(n.id);
    }).observe(document, { childList: true, subtree: true });
  });
}

const session = useSession(watchPage);
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'edgeseg-e2e-collect-'));
  collector = await startCollector({ port: 0, out: dir });
  collectorUrl = `http://127.0.0.1:${collector.port}/e`;
});
afterAll(async () => {
  await collector.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  ({ server, context, errors, page } = session);
  for (const f of readdirSync(dir)) rmSync(join(dir, f));
});

/** The reports the collector wrote, in order. */
const received = (): {
  id: string;
  segment: string | null;
  distanceBand?: number;
  arms: { experiment: string; arm: string; exposed: boolean }[];
  goals: { goal: string; converted: boolean }[];
}[] =>
  readdirSync(dir).flatMap((f) =>
    readFileSync(join(dir, f), 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  );

/** A shop page with the experiment bundle; `measurement` goes into the config. */
function route(
  path: string,
  opts: { measurement?: object; csp?: string; pageType?: string; bundle?: string } = {},
): void {
  const nonce = opts.csp ? ' nonce="n0nce"' : '';
  // Under a strict style-src the slots reserve their height from a stylesheet, not inline styles.
  const slots = opts.csp ? SLOTS.replace(/ style="[^"]*"/g, '') : SLOTS;
  const css = opts.csp ? '<link rel="stylesheet" href="/slots.css">' : '';
  const config = {
    measurement: { dataLayer: {}, beacon: { url: collectorUrl, flushInterval: 60_000 }, ...opts.measurement },
  };
  const body = `<!doctype html><html><head><meta charset="utf-8"><meta name="edgeseg:page-type" content="${opts.pageType ?? 'product'}"><script${nonce}>window.edgesegConfig=${JSON.stringify(config)}</script><script${nonce}>${STUB}</script><script async src="/edgeseg.iife.js" data-bundle="${opts.bundle ?? '/bundles/pages-experiment.json'}"></script>${css}</head><body>${slots}<a id="away" href="/away.html">away</a></body></html>`;
  server.route(path, { body, headers: opts.csp ? { 'content-security-policy': opts.csp } : {} });
}

/** Consent (personalization, and measurement when asked), a fixed visitor key, then product views: a shopper. */
async function shopper(key: string | null, measurement: boolean, path = '/shop.html'): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await edgesegReady(page);
  await page.evaluate((m) => edgeseg.consent.set({ personalization: true, measurement: m }), measurement);
  if (key) await page.evaluate((k) => localStorage.setItem('edgeseg:key', k), key);
  for (let i = 0; i < 3; i++) {
    await page.goto(`${server.url}${path}`);
    await edgesegReady(page);
  }
}

const heroText = (p = page) => p.locator('#hero p').first().textContent();
const exposures = (p = page) =>
  p.evaluate(() =>
    ((window as unknown as { dataLayer?: { event: string; edgeseg: { arm: string } }[] }).dataLayer ?? []).filter(
      (e) => e.event === 'edgeseg_exposure',
    ),
  );

describe('experiments in Chromium', () => {
  it('keeps a visitor in the same arm across reloads and tabs (the key is stored once)', async () => {
    route('/shop.html');
    await shopper(null, false);
    const arm = async (p: Page) =>
      p.evaluate(() =>
        edgeseg.personalize('hero').then((d) => JSON.stringify((d as { experiment?: object }).experiment)),
      );
    const first = await arm(page);
    expect(first).toMatch(/"id":"(hero-test|holdout)"/);
    const key = await page.evaluate(() => localStorage.getItem('edgeseg:key'));
    for (let i = 0; i < 3; i++) {
      await page.reload();
      await edgesegReady(page);
      expect(await arm(page)).toBe(first);
    }
    const tab = await context.newPage();
    await tab.goto(`${server.url}/shop.html`);
    await edgesegReady(tab);
    expect(await arm(tab)).toBe(first);
    expect(await tab.evaluate(() => localStorage.getItem('edgeseg:key'))).toBe(key);
  });

  it('never shows a held-out visitor a variant, not even for a moment, in any slot', async () => {
    route('/shop.html');
    await shopper('visitor-6', false);
    await page.evaluate(() => ((window as unknown as { __seen: string[] }).__seen.length = 0));
    for (let i = 0; i < 2; i++) {
      await page.reload();
      await edgesegReady(page);
      expect(await heroText()).toBe('Welcome to the shop');
      expect(await page.locator('#side p').first().textContent()).toBe('Sidebar');
      expect(await page.evaluate(() => edgeseg.personalize('hero').then((d) => (d as { reason: string }).reason))).toBe(
        'holdout',
      );
      expect(await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toEqual([]);
    }
    expect(errors.list).toEqual([]);
  });

  it('shows each arm: control the default, personalized the segment variant, bold its own template', async () => {
    route('/shop.html');
    for (const [key, text] of [
      ['visitor-0', 'Welcome to the shop'],
      ['visitor-1', 'Deals for shoppers'],
      ['visitor-3', 'DEALS'],
    ] as const) {
      await page.evaluate(() => localStorage.clear()).catch(() => {});
      await shopper(key, false);
      expect(await heroText()).toBe(text);
      // The sidebar is in no experiment: personalized for all but the holdout.
      expect(await page.locator('#side p').first().textContent()).toBe('Shopper sidebar');
    }
  });

  it('counts an exposure once per page view, however often slots render or personalize() is called', async () => {
    route('/shop.html');
    await shopper('visitor-1', true);
    await page.evaluate(() => edgeseg.personalize('hero', { shopper: 1, default: 0 }));
    await page.evaluate(() => edgeseg.personalize('hero'));
    await page.evaluate(() => edgeseg.track('add_to_cart', { value: 3 }));
    await page.waitForFunction(() => ((window as unknown as { dataLayer?: unknown[] }).dataLayer ?? []).length >= 2);
    expect((await exposures()).map((e) => e.edgeseg.arm)).toEqual(['personalized']);
    // A new page view (SPA navigation) is a new exposure.
    await page.evaluate(() => edgeseg.page({ pageType: 'product' }));
    await page.evaluate(() => edgeseg.personalize('hero'));
    expect((await exposures()).map((e) => e.edgeseg.arm)).toEqual(['personalized', 'personalized']);
    // The debug overlay shows the experiments kept on the device.
    await page.goto(`${server.url}/shop.html?edgeseg_debug=1`);
    await edgesegReady(page);
    await page.waitForSelector('edgeseg-debug');
    await expect.poll(() => page.locator('edgeseg-debug').getByText('hero-test').count()).toBeGreaterThan(0);
  });
});

describe('outbound measurement', () => {
  it('sends nothing and queues nothing without measurement consent (request interception)', async () => {
    const outbound: string[] = [];
    page.on('request', (r) => void (r.url().startsWith(collectorUrl.slice(0, 20)) && outbound.push(r.url())));
    route('/shop.html');
    route('/away.html');
    await shopper('visitor-1', false);
    const events: string[] = [];
    await page.exposeFunction('__event', (name: string) => void events.push(name));
    await page.evaluate(() => {
      edgeseg.on('exposure', () => (window as unknown as { __event(n: string): void }).__event('exposure'));
      edgeseg.on('conversion', () => (window as unknown as { __event(n: string): void }).__event('conversion'));
      edgeseg.track('purchase', { value: 20 });
      edgeseg.page({ pageType: 'product' });
    });
    expect(await heroText()).toBe('Deals for shoppers');
    await page.goto(`${server.url}/away.html`);
    await edgesegReady(page);
    expect(outbound).toEqual([]);
    expect(events).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { dataLayer?: unknown[] }).dataLayer ?? [])).toEqual([]);
    expect((await storageSeen(page)).databases).not.toContain('edgeseg-beacon');
    expect(received()).toEqual([]);
    // Kept locally all the same: exportData() shows the ledger.
    const records = await page.evaluate(() =>
      (
        window as unknown as { edgeseg: { exportData(): Promise<{ records: { measure?: { goals: object } } }> } }
      ).edgeseg
        .exportData()
        .then((d) => d.records.measure?.goals),
    );
    expect(records).toMatchObject({ purchase: { count: 1, value: 20 } });
  });

  it('delivers with sendBeacon on pagehide', async () => {
    route('/shop.html');
    // A page without edgeseg: only the leaving page's sendBeacon can deliver the report.
    server.route('/away.html', { body: '<!doctype html><p>away</p>' });
    await shopper('visitor-1', true);
    // Count sendBeacon calls across the navigation (the flush interval is a minute: fetch does not send).
    await page.evaluate(() => {
      const send = navigator.sendBeacon.bind(navigator);
      navigator.sendBeacon = (url, data) => {
        localStorage.setItem('__beacons', String(Number(localStorage.getItem('__beacons') ?? 0) + 1));
        return send(url, data);
      };
    });
    await page.evaluate(() => edgeseg.track('purchase', { value: 20 }));
    await page.goto(`${server.url}/away.html`);
    await expect
      .poll(() => received().filter((r) => r.goals.some((g) => g.goal === 'purchase' && g.converted)).length)
      .toBe(1);
    expect(Number(await page.evaluate(() => localStorage.getItem('__beacons')))).toBeGreaterThan(0);
    // The bundle has no distance quantiles: no report carries a band.
    expect(received().filter((r) => 'distanceBand' in r)).toEqual([]);
  });

  it('sends the distance band of the visitor to the segment centroid when the bundle has the training quantiles', async () => {
    const fixture = JSON.parse(
      readFileSync(new URL('../fixtures/bundles/pages-experiment.json', import.meta.url), 'utf8'),
    ) as { segments: { id: string; distanceQuantiles?: object }[]; model: { centroids: number[][] } };
    const quantiles = { p50: 0.1, p90: 0.2, p99: 100 };
    // Half a step past the shopper centroid's product pages: a shopper sits 0.5 (or more) from it, beyond p90.
    fixture.model.centroids[1] = [3.5, 0];
    for (const s of fixture.segments) s.distanceQuantiles = quantiles;
    server.route('/drift-bundle.json', { type: 'application/json', body: JSON.stringify(fixture) });
    route('/shop.html', { bundle: '/drift-bundle.json' });
    server.route('/away.html', { body: '<!doctype html><p>away</p>' });
    await shopper('visitor-1', true);
    await page.evaluate(() => edgeseg.track('purchase', { value: 20 }));
    // The distance the page scored just before it is left: the band of its report.
    const distance = await page.evaluate(() =>
      (edgeseg as unknown as { segment(): Promise<{ id: string; distances: Record<string, number> }> })
        .segment()
        .then((a) => a.distances[a.id] as number),
    );
    expect(distance).toBeGreaterThan(quantiles.p90);
    expect(distance).toBeLessThanOrEqual(quantiles.p99);
    await page.goto(`${server.url}/away.html`);
    const last = () => received().find((r) => r.goals.some((g) => g.goal === 'purchase' && g.converted));
    await expect.poll(() => last()?.distanceBand).toBe(2);
    expect(last()?.segment).toBe('shopper');
    // Every report of a shopper page view carries a band; only a band, never the distance.
    for (const r of received()) {
      expect(r.distanceBand, r.id).toBeTypeOf('number');
      const numbers: unknown[] = [];
      JSON.parse(
        JSON.stringify(r),
        (_key, value: unknown) => (typeof value === 'number' && numbers.push(value), value),
      );
      expect(numbers).not.toContain(distance);
    }
  });

  it('survives offline → online and reloads with the collector unreachable: every report arrives once (counted by id)', async () => {
    route('/shop.html');
    await shopper('visitor-1', true);
    const purchases = () => received().filter((r) => r.goals.some((g) => g.goal === 'purchase' && g.converted));
    // Offline: SPA page views close reports that cannot be sent.
    await context.setOffline(true);
    for (let i = 0; i < 2; i++) {
      await page.evaluate(() => edgeseg.track('purchase', { value: 5 }));
      await page.evaluate(() => edgeseg.page({ pageType: 'product' }));
      await page.evaluate(() => edgeseg.personalize('hero'));
    }
    await context.setOffline(false);
    await expect.poll(() => purchases().length, { timeout: 20_000 }).toBe(2);
    // The collector unreachable across reloads (sendBeacon on pagehide fails too): the queue keeps everything.
    await context.route(`${collectorUrl}*`, (r) => r.abort());
    for (let i = 0; i < 2; i++) {
      await page.evaluate(() => edgeseg.track('purchase', { value: 5 }));
      await page.reload();
      await edgesegReady(page);
    }
    await context.unroute(`${collectorUrl}*`);
    await page.reload();
    await edgesegReady(page);
    await expect.poll(() => purchases().length, { timeout: 20_000 }).toBe(4);
    const ids = received().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('backs off on 429 and delivers afterwards', async () => {
    const statuses: number[] = [];
    const bodies: string[] = [];
    server.route('/busy', (req) => {
      const status = statuses.length === 0 ? 429 : 200;
      statuses.push(status);
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => bodies.push(body));
      return { status, type: 'application/json', body: '{}', headers: { 'retry-after': '1' } };
    });
    route('/shop.html', { measurement: { beacon: { url: '/busy', flushInterval: 100, batchSize: 1 } } });
    await shopper('visitor-1', true);
    // An SPA page view closes this page view's report; with a batch of one it is sent at once.
    await page.evaluate(() => edgeseg.personalize('hero'));
    await page.evaluate(() => edgeseg.page({ pageType: 'product' }));
    await expect.poll(() => statuses.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(statuses.slice(0, 2)).toEqual([429, 200]);
    await expect.poll(() => bodies.length).toBeGreaterThanOrEqual(2);
    await expect
      .poll(
        () => {
          const first = (JSON.parse(bodies[0] as string) as { events: { id: string }[] }).events[0]?.id;
          return bodies.slice(1).some((b) => b.includes(first as string));
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    // What the 429 refused was delivered later.
    const ids = (body: string) => (JSON.parse(body) as { events: { id: string }[] }).events.map((e) => e.id);
    const delivered = bodies.slice(1).flatMap(ids);
    for (const id of ids(bodies[0] as string)) expect(delivered).toContain(id);
  });

  it('runs under strict CSP and Trusted Types with zero violations', async () => {
    const origin = new URL(collectorUrl).origin;
    const csp = `default-src 'self'; script-src 'self' 'nonce-n0nce'; style-src 'self'; connect-src 'self' ${origin}; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types 'none'`;
    server.route('/slots.css', { type: 'text/css', body: '#hero{height:80px;overflow:hidden}#side{height:40px}' });
    route('/csp.html', { csp });
    route('/away.html');
    await shopper('visitor-1', true, '/csp.html');
    await page.evaluate(() => edgeseg.track('purchase', { value: 1 }));
    await page.goto(`${server.url}/away.html`);
    await expect.poll(() => received().length).toBeGreaterThan(0);
    await page.goto(`${server.url}/csp.html`);
    await edgesegReady(page);
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    expect(errors.list).toEqual([]);
  });
});
