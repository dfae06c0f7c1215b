import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { edgesegReady, storageSeen, type PageErrors, rememberGrant } from './browser';
import { pageWithTag, type TestServer } from './server';
import { useSession } from './session';

type Es = {
  consent: { set(c: object): Promise<void>; revoke(): Promise<void>; get(): Record<string, string> };
  segment(): Promise<{ id: string | null; label: string | null; explanation: string; source: string }>;
  exportData(): Promise<{ profile: { pages: number } | null; events: { name: string }[] }>;
  page(p?: object): void;
  personalize(slot: string, v?: object): Promise<unknown>;
};
declare const edgeseg: Es;

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: PageErrors;

const session = useSession();
beforeEach(() => void ({ server, browser, context, errors, page } = session));

const heroText = () => page.locator('#hero p').first().textContent();

describe('script tag → consent → events → IndexedDB → score → slot', () => {
  it('stores nothing before consent, personalizes after it, keeps the profile across reloads, and wipes on revoke', async () => {
    await page.goto(`${server.url}/pages/home.html`);
    await edgesegReady(page);
    // Before consent: nothing of ours anywhere, seen from the page and from the browser.
    expect(await storageSeen(page)).toEqual({ databases: [], localStorage: [], cookies: '' });
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => edgeseg.consent.get())).toEqual({
      personalization: 'pending',
      measurement: 'pending',
    });
    expect(await heroText()).toBe('Welcome to the shop');

    await page.evaluate(() => edgeseg.consent.set({ personalization: true }));
    expect((await storageSeen(page)).databases).toEqual(['edgeseg']);

    for (let i = 0; i < 3; i++) {
      await page.goto(`${server.url}/pages/article.html`);
      await edgesegReady(page);
    }
    expect(await heroText()).toBe('New guides for readers');
    expect(await page.evaluate(() => edgeseg.segment().then((s) => s.id))).toBe('reader');

    // Reload: the profile came back from IndexedDB (3 articles + the reload itself; the home
    // page view came before the grant and is not kept, as `consent.keepPending` is off).
    await page.reload();
    await edgesegReady(page);
    expect(await heroText()).toBe('New guides for readers');
    const exported = await page.evaluate(() => edgeseg.exportData());
    expect(exported.profile?.pages).toBe(4);
    // Page views only: a page left after a second or more of engaged time also records an
    // `engagement` event, and how long each page stayed up depends on the machine.
    expect(exported.events.filter((e) => e.name === 'page_view')).toHaveLength(4);

    await page.evaluate(() => edgeseg.consent.revoke());
    expect(await heroText()).toBe('Welcome to the shop');
    const after = await storageSeen(page);
    expect(after.databases).toEqual([]);
    // The one thing kept after a denial: the record of the choice.
    expect(after.localStorage).toEqual(['edgeseg:consent']);
    expect(after.cookies).toBe('');

    // The denial is remembered on the next page, which stores nothing.
    await page.goto(`${server.url}/pages/article.html`);
    await edgesegReady(page);
    expect(await page.evaluate(() => edgeseg.consent.get().personalization)).toBe('denied');
    expect((await storageSeen(page)).databases).toEqual([]);
    expect(await heroText()).toBe('Welcome to the shop');
    expect(errors.list).toEqual([]);
  });

  it('a first visit requests the bundle in parallel with the engine chunk, not after it', async () => {
    await page.goto(`${server.url}/pages/home.html`);
    await edgesegReady(page);
    const paths = server.requests.map((r) => r.path);
    expect(paths.indexOf('/bundles/pages.json')).toBeGreaterThan(-1);
    expect(paths.indexOf('/bundles/pages.json')).toBeLessThan(paths.indexOf('/edgeseg.engine.mjs'));
    expect(paths.filter((p) => p === '/bundles/pages.json')).toHaveLength(1);
  });

  it('so does a first visit with consent already given (no cached assignment), and only once', async () => {
    await page.goto(`${server.url}/pages/home.html`);
    // This page's own bundle request must be served before the count starts: `load` does
    // not wait for it, and on a busy machine it would otherwise land after the reset.
    await edgesegReady(page);
    await rememberGrant(page);
    server.reset();
    await page.goto(`${server.url}/pages/home.html`);
    await edgesegReady(page);
    const paths = server.requests.map((r) => r.path);
    expect(paths.indexOf('/bundles/pages.json')).toBeLessThan(paths.indexOf('/edgeseg.engine.mjs'));
    expect(paths.filter((p) => p === '/bundles/pages.json')).toHaveLength(1);
    expect(await page.evaluate(() => edgeseg.segment().then((a) => a.source))).toBe('model');
  });

  it('a first visit with consent is decided without waiting for the store; the bundle is cached once it opens', async () => {
    await page.goto(`${server.url}/pages/home.html`);
    await rememberGrant(page);
    // The store chunk is held until the test releases it: the decision must not wait for it.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/edgeseg.store.mjs', async (route) => {
      await held;
      await route.continue().catch(() => {});
    });
    const slot =
      '<div id="hero" data-edgeseg-slot="hero"><p>default</p><template data-edgeseg-variant="visitor"><p id="v">Hello, new visitor</p></template></div>';
    server.route(
      '/first.html',
      pageWithTag(
        '<script async src="/edgeseg.iife.js" data-bundle="/bundles/pages.json"></script>',
        slot,
        '<meta name="edgeseg:page-type" content="home">',
      ),
    );
    await page.goto(`${server.url}/first.html`);
    await page.waitForSelector('#v');
    expect(await page.evaluate(() => indexedDB.databases().then((d) => d.length))).toBe(0);
    release();
    await edgesegReady(page);
    const records = await page.evaluate(() =>
      edgeseg.exportData().then((d) => (d as unknown as { records: Record<string, unknown> }).records),
    );
    expect(records['bundle']).toBeDefined();
  });

  it('records clicks on data-edgeseg-track elements', async () => {
    await page.goto(`${server.url}/pages/home.html`);
    await edgesegReady(page);
    await page.evaluate(() => edgeseg.consent.set({ personalization: true }));
    await page.click('#track-me');
    const events = await page.evaluate(() =>
      edgeseg.exportData().then((d) => d.events as { name: string; props: object }[]),
    );
    // The load's page view came before the grant: not kept (`consent.keepPending` is off).
    expect(events.map((e) => e.name)).toEqual(['promo_click']);
    expect(events[0]?.props).toEqual({ label: 'spring' });
  });

  it('replays calls queued before load, in order, and a second copy of the script does nothing', async () => {
    server.route(
      '/twice.html',
      pageWithTag(
        `<script>edgeseg.consent.set({ personalization: true }); edgeseg.page({ pageType: 'article' }); edgeseg.track('queued_one');</script>
       <script src="/edgeseg.iife.js" data-bundle="/bundles/pages.json"></script>
       <script>window.first = window.edgeseg;</script>
       <script async src="/edgeseg.iife.js?copy=2" data-bundle="/bundles/other.json"></script>`,
      ),
    );
    await page.goto(`${server.url}/twice.html`);
    await edgesegReady(page);
    await page.waitForLoadState('load');
    const names = await page.evaluate(() =>
      edgeseg.exportData().then((d) => (d.events as { name: string }[]).map((e) => e.name)),
    );
    expect(names).toEqual(['page_view', 'page_view', 'queued_one']);
    await page.waitForFunction(
      () => performance.getEntriesByType('resource').filter((e) => e.name.includes('copy=2')).length === 1,
    );
    expect(await page.evaluate(() => (window as unknown as { first: unknown }).first === edgeseg)).toBe(true);
    expect(server.requests.filter((r) => r.path.startsWith('/bundles/')).map((r) => r.path)).toEqual([
      '/bundles/pages.json',
    ]);
    expect(errors.list).toEqual([]);
  });
});

describe('bad input keeps the page whole', () => {
  it('invalid config: one warning naming the field, SDK inert, nothing stored', async () => {
    server.route(
      '/bad-config.html',
      pageWithTag(
        `<script>window.edgesegConfig = { bundle: '/bundles/pages.json', hideTimeout: 'soon' };</script>
       <script async src="/edgeseg.iife.js"></script>`,
        '<div data-edgeseg-slot="hero"><p>default</p><template data-edgeseg-variant="visitor"><p>variant</p></template></div>',
      ),
    );
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.goto(`${server.url}/bad-config.html`);
    await edgesegReady(page);
    await page.evaluate(() => edgeseg.consent.set({ personalization: true }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('hideTimeout');
    expect(await page.locator('p').first().textContent()).toBe('default');
    expect((await storageSeen(page)).databases).toEqual([]);
    // The tag's first lines prefetch before the config is read; nothing else goes out,
    // and nothing carries behaviour (GETs of static files only).
    const paths = server.requests.filter((r) => r.path !== '/bad-config.html').map((r) => `${r.method} ${r.path}`);
    expect(
      paths.every((p) =>
        /^GET \/(edgeseg\.iife\.js|edgeseg\.(config|shared|engine|collect)\.mjs|bundles\/pages\.json)$/.test(p),
      ),
    ).toBe(true);
    expect(errors.list).toEqual([]);
  });

  for (const [name, route, code] of [
    ['404', { status: 404, body: 'missing', type: 'text/plain' }, 'bundle_fetch_failed'],
    ['invalid JSON', { body: '{"format": "edgeseg-bundle/1", "ver', type: 'application/json' }, 'bundle_invalid_json'],
    ['an HTML error page', { body: '<html><body>Error</body></html>', type: 'text/html' }, 'bundle_html'],
    [
      'the wrong format',
      { body: JSON.stringify({ format: 'edgeseg-bundle/2' }), type: 'application/json' },
      'bundle_unsupported_format',
    ],
  ] as const) {
    it(`bundle ${name}: default content and an error event with code ${code}`, async () => {
      server.route('/bundles/broken.json', route);
      server.route(
        '/broken.html',
        pageWithTag(
          `<script>window.codes = []; edgeseg.on('error', (e) => window.codes.push(e.code)); edgeseg.consent.set({ personalization: true });</script>
         <script async src="/edgeseg.iife.js" data-bundle="/bundles/broken.json"></script>`,
          '<div data-edgeseg-slot="hero"><p>default</p><template data-edgeseg-variant="visitor"><p>variant</p></template></div>',
        ),
      );
      await page.goto(`${server.url}/broken.html`);
      await edgesegReady(page);
      expect(await page.evaluate(() => (window as unknown as { codes: string[] }).codes)).toEqual([code]);
      expect(await page.locator('p').first().textContent()).toBe('default');
      expect(await page.locator('[data-edgeseg-slot]').evaluate((el) => getComputedStyle(el).visibility)).toBe(
        'visible',
      );
      expect(errors.list).toEqual([]);
    });
  }

  it('IndexedDB missing: the memory profile still personalizes this page view', async () => {
    await context.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { get: () => undefined, configurable: true });
    });
    server.route(
      '/no-idb.html',
      pageWithTag(
        `<script>window.codes = []; edgeseg.on('error', (e) => window.codes.push(e.code)); edgeseg.consent.set({ personalization: true });
        edgeseg.page({ pageType: 'article' }); edgeseg.page({ pageType: 'article' }); edgeseg.page({ pageType: 'guide' });</script>
       <script async src="/edgeseg.iife.js" data-bundle="/bundles/pages.json"></script>`,
        '<div id="hero" data-edgeseg-slot="hero"><p>default</p><template data-edgeseg-variant="reader"><p>for readers</p></template></div>',
      ),
    );
    await page.goto(`${server.url}/no-idb.html`);
    await edgesegReady(page);
    expect(await page.evaluate(() => (window as unknown as { codes: string[] }).codes)).toEqual([
      'storage_unavailable',
    ]);
    expect(await heroText()).toBe('for readers');
    expect(errors.list).toEqual([]);
  });

  it('IndexedDB throwing on open: falls back to memory, no error reaches the page', async () => {
    await context.addInitScript(() => {
      IDBFactory.prototype.open = function () {
        throw new DOMException('denied', 'InvalidStateError');
      };
    });
    server.route(
      '/idb-throws.html',
      pageWithTag(
        `<script>window.codes = []; edgeseg.on('error', (e) => window.codes.push(e.code)); edgeseg.consent.set({ personalization: true });
        edgeseg.page({ pageType: 'article' }); edgeseg.page({ pageType: 'article' }); edgeseg.page({ pageType: 'article' });</script>
       <script async src="/edgeseg.iife.js" data-bundle="/bundles/pages.json"></script>`,
        '<div id="hero" data-edgeseg-slot="hero"><p>default</p><template data-edgeseg-variant="reader"><p>for readers</p></template></div>',
      ),
    );
    await page.goto(`${server.url}/idb-throws.html`);
    await edgesegReady(page);
    expect(await page.evaluate(() => (window as unknown as { codes: string[] }).codes)).toContain(
      'storage_unavailable',
    );
    expect(await heroText()).toBe('for readers');
    expect(errors.list).toEqual([]);
  });
});
