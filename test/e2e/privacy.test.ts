// Issue 17 in real Chromium: what a full session stores and fetches is exactly what the
// privacy manifest of that config lists, every property of its automatic events is
// declared, and the "why" widget downloads a summary a person can read beside the JSON.
// (Every other e2e test also checks its storage and chunk requests: see footprint.ts.)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright';
import { buildManifest, resolveConfig } from '../../cli/privacy/manifest';
import { AUTO_EVENT_FIELDS } from '../../src/collect/event-fields';
import { edgesegReady, storageSeen } from './browser';
import { pageWithTag, type TestServer } from './server';
import { useSession } from './session';

declare const edgeseg: {
  consent: { set(c: object): Promise<void> };
  exportData(): Promise<{ events: { name: string; props: Record<string, unknown> }[] }>;
  track(name: string, props?: object): void;
};

let server: TestServer;
let context: BrowserContext;
let page: Page;
const session = useSession();
beforeEach(() => void ({ server, context, page } = session));

const tfjsBundle = JSON.parse(readFileSync(new URL('../fixtures/bundles/tfjs.json', import.meta.url), 'utf8'));

/** The tfjs bundle with its weights in a binary file, as a site with a network publishes it. */
function serveTfjsBundle(): void {
  const [l1, l2] = tfjsBundle.tfjs.layers;
  const bin = Buffer.from(
    new Float32Array([...l1.weights.flat(), ...l1.bias, ...l2.weights.flat(), ...l2.bias]).buffer,
  );
  const layers = tfjsBundle.tfjs.layers.map((l: { units: number; activation: string }) => ({
    units: l.units,
    activation: l.activation,
  }));
  const weightsSha256 = createHash('sha256').update(bin).digest('base64url');
  const bundle = { ...tfjsBundle, tfjs: { ...tfjsBundle.tfjs, layers, weightsUrl: 'net.bin', weightsSha256 } };
  server.route('/site/bundle.json', { type: 'application/json', body: JSON.stringify(bundle) });
  server.route('/site/net.bin', { type: 'application/octet-stream', body: bin });
}

const CONFIG = {
  bundle: '/site/bundle.json',
  transparency: true,
  frequencyCaps: { 'ready-to-buy': { session: 50 } },
  // On a busy CI machine IndexedDB can take longer than the default 1.5 s to open; the
  // SDK then carries on in memory (store.test.ts covers that) and this session's events
  // would not be in the database the manifest is checked against.
  storageTimeout: 30_000,
};

function sitePage(): void {
  server.route(
    '/shop.html',
    pageWithTag(
      `<script>window.edgesegConfig=${JSON.stringify(CONFIG)}</script><script async src="/edgeseg.iife.js"></script>`,
      `<div data-edgeseg-slot="hero"><p>Welcome</p><template data-edgeseg-variant="ready-to-buy"><p>Checkout now</p></template></div>
       <button id="buy" data-edgeseg-track="add_to_cart" data-edgeseg-label="Buy" data-edgeseg-value="12.5" data-edgeseg-currency="EUR">Buy</button>
       <div style="height:4000px"></div>`,
      '<meta name="edgeseg:page-type" content="product"><meta name="edgeseg:category" content="shoes">',
    ),
  );
}

describe('the privacy manifest against a full session in Chromium', () => {
  it('lists every request, database, store, record and key the session made, and nothing is a cookie', async () => {
    serveTfjsBundle();
    sitePage();
    await page.goto(`${server.url}/shop.html?edgeseg_debug=1&utm_source=news&utm_medium=email`);
    await edgesegReady(page);
    await page.evaluate(() => edgeseg.consent.set({ personalization: true, measurement: true }));
    await page.click('#buy');
    await page.mouse.wheel(0, 3000);
    await page.evaluate(() =>
      edgeseg.track('purchase', { value: 30, currency: 'EUR', items: [{ item_id: 'p1', price: 30 }] }),
    );
    await page.goto(`${server.url}/shop.html`); // pagehide: engaged time, the inbox; a returning load
    await edgesegReady(page);
    await page.waitForSelector('edgeseg-why');

    const manifest = buildManifest(resolveConfig({ ...CONFIG, preview: true }));
    const declared = new Set(manifest.requests.map((r) => r.url.replace(/^\(beside the edgeseg script\)/, '')));
    const ours = server.requests
      .map((r) => r.path)
      .filter((path) => !/^\/(shop\.html|edgeseg\.iife\.js|favicon\.ico)/.test(path)); // the page and the script tag are the site's
    const unlisted = [...new Set(ours)].filter(
      (path) => !declared.has(path) && !(path === '/site/net.bin' && declared.has("the bundle's weightsUrl")),
    );
    expect(unlisted).toEqual([]);
    // The session did fetch every kind the manifest names for this config (beside the chunks it did not need).
    expect(ours).toEqual(
      expect.arrayContaining(['/site/bundle.json', '/site/net.bin', '/edgeseg.tfjs.mjs', '/edgeseg.why.mjs']),
    );

    const state = await context.storageState({ indexedDB: true });
    const stores = state.origins.flatMap((o) => o.indexedDB ?? []).flatMap((db) => db.stores.map((s) => s.name));
    const records = state.origins
      .flatMap((o) => o.indexedDB ?? [])
      .flatMap((db) => db.stores.filter((s) => s.name === 'kv').flatMap((s) => s.records.map((r) => String(r.key))));
    const listed = manifest.storage;
    expect(stores.sort()).toEqual(['aggregates', 'events', 'inbox', 'kv']);
    expect(records.every((key) => listed.some((s) => s.record === key))).toBe(true);
    expect(records).toEqual(expect.arrayContaining(['bundle', 'caps']));
    const keys = (await storageSeen(page)).localStorage;
    expect(keys.sort()).toEqual(['edgeseg:consent', 'edgeseg:last']);
    expect(keys.every((key) => listed.some((s) => s.name === key))).toBe(true);
    expect(state.cookies).toEqual([]);

    // Every property edgeseg's own collectors stored is declared with a data category.
    // Asked until the previous page's events are there: one CI run on a busy machine saw an
    // export of this page's view alone, once, not reproduced in 19 runs since (with and
    // without CPU hogs). Events that were really lost would still fail here.
    let events: Awaited<ReturnType<typeof edgeseg.exportData>>['events'] = [];
    await expect
      .poll(
        async () => {
          events = (await page.evaluate(() => edgeseg.exportData())).events;
          return events.map((e) => e.name);
        },
        { timeout: 30_000 },
      )
      .toEqual(expect.arrayContaining(['page_view', 'add_to_cart', 'scroll']));
    const automatic = events.filter((e) => e.name !== 'purchase');
    const undeclared = automatic.flatMap((e) =>
      Object.keys(e.props)
        .filter((key) => !Object.hasOwn(AUTO_EVENT_FIELDS[e.name === 'add_to_cart' ? 'click' : e.name] ?? {}, key))
        .map((key) => `${e.name}.${key}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('the "why" widget downloads a readable summary beside the JSON', async () => {
    server.route('/bundles/site.json', {
      type: 'application/json',
      body: readFileSync(new URL('../fixtures/bundles/pages.json', import.meta.url)),
    });
    server.route(
      '/why.html',
      pageWithTag(
        `<script>window.edgesegConfig=${JSON.stringify({ bundle: '/bundles/site.json', transparency: true })}</script><script async src="/edgeseg.iife.js"></script>`,
        '<div data-edgeseg-slot="hero"><p>Welcome</p></div>',
        '<meta name="edgeseg:page-type" content="article">',
      ),
    );
    await page.goto(`${server.url}/why.html`);
    await edgesegReady(page);
    await page.evaluate(() => edgeseg.consent.set({ personalization: true }));
    await page.evaluate(() => edgeseg.track('newsletter_signup'));
    await page.click('edgeseg-why >> text=Why am I seeing this?');
    const downloads: { name: string; text: string }[] = [];
    const both = new Promise<void>((resolve) =>
      page.on('download', async (d) => {
        const path = await d.path();
        downloads.push({ name: d.suggestedFilename(), text: readFileSync(path, 'utf8') });
        if (downloads.length === 2) resolve();
      }),
    );
    await page.click('edgeseg-why >> text=Download my data');
    await both;
    expect(downloads.map((d) => d.name).sort()).toEqual(['edgeseg-data.json', 'edgeseg-data.txt']);
    const text = downloads.find((d) => d.name.endsWith('.txt'))?.text ?? '';
    expect(text).toContain("What this website's personalization knows about you");
    expect(text).toContain('1 "newsletter_signup" events.');
    expect(text).toMatch(/Now: personalization granted/);
    expect(text).not.toMatch(/\d\.\d{4,}/);
    const json = JSON.parse(downloads.find((d) => d.name.endsWith('.json'))?.text ?? '{}');
    expect(json.format).toBe('edgeseg-export/1');
    expect(JSON.stringify(json.records.bundle)).not.toContain('centroids');
    expect(await page.locator('edgeseg-why >> role=status').textContent()).toContain('downloaded');
  });
});
