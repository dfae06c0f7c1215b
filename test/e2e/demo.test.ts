import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { edgesegReady, launch, storageSeen, watchErrors } from './browser';
import { startDemo } from './demo-server';

// The demo as a site owner would see it: `npm run demo`'s server, the bundle trained on
// the UCI shoppers data by the repo's own CLI, and a visitor clicking through the shop.
let demo: ChildProcess;
let url: string;
/** The demo's dashboard (edgeseg dashboard over the collector's folder). */
let dashboardUrl = '';
let browser: Browser;
/** A product-focused session: a category and eight product views (the tests space them ~40 s apart). */
const PRODUCT_BROWSING = [
  '/category.html',
  '/product-lamp.html',
  '/product-mug.html',
  '/product-chair.html',
  '/category.html',
  '/product-lamp.html',
  '/product-mug.html',
  '/product-chair.html',
  '/product-lamp.html',
];
/** Where the demo's collector writes (a fresh folder per run). */
const collected = mkdtempSync(join(tmpdir(), 'edgeseg-demo-collect-'));

beforeAll(async () => {
  ({ process: demo, url, dashboardUrl } = await startDemo(collected));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  demo?.kill();
  rmSync(collected, { recursive: true, force: true });
});

type Es = {
  consent: { set(c: object): Promise<void> };
  segment(): Promise<{ id: string | null; label: string | null }>;
};
declare const edgeseg: Es;

it(
  'a visitor simulated as a product browser becomes one, sees that hero and their place on the map',
  // Thirteen page views played by the persona panel: slow when the other projects run beside it.
  { timeout: 150_000 },
  async () => {
    const context = await browser.newContext();
    const errors = await watchErrors(context);
    const page = await context.newPage();
    await page.goto(`${url}/category.html`);
    await edgesegReady(page);
    // Waits for the banner's state, however long it takes (not a one-second poll).
    await page.locator('#consent-banner').waitFor({ state: 'visible' });
    expect((await storageSeen(page)).databases).toEqual([]);
    // The why widget waits for a choice; the map has no "You" yet.
    expect(await page.locator('edgeseg-why').evaluate((w) => (w as HTMLElement).hidden)).toBe(true);
    await page.getByText('Accelerated time:').waitFor();
    // The demo holds out 10% of visitors from personalization: this visitor's key is one that is not.
    await page.evaluate(() => localStorage.setItem('edgeseg:key', 'visitor-1'));

    await page.click('[data-persona="product-browser"]');
    await page.waitForURL(`${url}/`, { timeout: 120_000 });
    await edgesegReady(page);
    expect(await page.evaluate(() => edgeseg.segment().then((s) => s.id))).toBe('shopper');
    await page.locator('.hero h1', { hasText: 'Still deciding?' }).waitFor();
    await page.locator('#segment', { hasText: 'Product-only browser' }).waitFor();
    await page.locator('#notice', { hasText: 'Simulated a product browser' }).waitFor();
    await page.locator('#map-caption', { hasText: 'Closest to “Product-only browser”' }).waitFor();
    expect(await page.locator('#consent-banner').isHidden()).toBe(true);
    // The why widget: in the footer's flow, in words (no slot names), covering no control.
    const why = page.locator('footer [data-edgeseg-why] edgeseg-why');
    await why.getByRole('button', { name: 'Why am I seeing this?' }).click();
    expect(await why.locator('li').first().innerText()).toContain('matches "Product-only browser"');
    expect(await why.locator('li').allInnerTexts()).not.toContainEqual(expect.stringMatching(/^(hero|offer)\b/));
    // No control of the page (its own, outside the widget's shadow root) shares a pixel with it.
    const covered = await page.evaluate(() => {
      const widget = document.querySelector('edgeseg-why') as HTMLElement;
      const w = widget.getBoundingClientRect();
      return [...document.querySelectorAll('a, button, input, #consent-banner')]
        .filter((c) => {
          const r = c.getBoundingClientRect();
          return r.width > 0 && w.left < r.right && r.left < w.right && w.top < r.bottom && r.top < w.bottom;
        })
        .map((c) => c.outerHTML.slice(0, 80));
    });
    expect(covered).toEqual([]);
    expect(await why.evaluate((w) => getComputedStyle(w).position)).toBe('static');
    expect(errors.list).toEqual([]);
    await context.close();
  },
);

it('declining is told truthfully, can be undone, and download, erase and withdraw confirm on screen', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const errors = await watchErrors(context);
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await edgesegReady(page);
  await page.click('#decline');
  await page.locator('#consent-banner').waitFor({ state: 'hidden' });
  await page.locator('footer', { hasText: 'Personalization is off: you declined' }).waitFor();
  expect(await page.locator('#revoke').isHidden()).toBe(true);
  await page.click('#allow-again');
  await page.locator('#notice', { hasText: 'Personalization is on again' }).waitFor();
  await page.locator('#segment-intro', { hasText: 'Your segment:' }).waitFor();
  const download = page.waitForEvent('download');
  await page.click('#export');
  expect((await download).suggestedFilename()).toBe('edgeseg-data.json');
  await page.locator('#notice', { hasText: /^Downloaded edgeseg-data.json: \d+ events?/ }).waitFor();
  await page.click('#revoke');
  await page.locator('#notice', { hasText: 'Consent withdrawn' }).waitFor();
  await page.locator('footer', { hasText: 'you declined' }).waitFor();
  await page.click('#forget');
  await page.locator('#notice', { hasText: 'Erased' }).waitFor();
  await page.locator('#consent-banner').waitFor({ state: 'visible' });
  expect(await page.locator('footer').innerText()).not.toMatch(/\bless (product|account|information) pages/);
  expect(errors.list).toEqual([]);
  await context.close();
});

it('previews any segment of the bundle from the switcher, and ignores an unknown one with a console warning', async () => {
  const context = await browser.newContext();
  const errors = await watchErrors(context);
  const page = await context.newPage();
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(`${url}/`);
  await edgesegReady(page);
  // The demo holds out 10% of visitors (a held-out visitor's preview shows the default):
  // a visitor key that is not held out, read on every load even before consent.
  await page.evaluate(() => localStorage.setItem('edgeseg:key', 'visitor-1'));
  expect(await page.locator('#segment-switcher a').allInnerTexts()).toEqual([
    'As yourself',
    'Product-only browser',
    'Account holder',
    'Researcher',
    'Quick visitor',
  ]);
  await page.locator('#segment-switcher a', { hasText: 'Researcher' }).click();
  await edgesegReady(page);
  await page.locator('.hero h1', { hasText: 'Every detail, answered' }).waitFor();
  await page.goto(`${url}/?edgeseg_preview=nope`);
  await edgesegReady(page);
  expect(await page.evaluate(() => edgeseg.segment().then((s) => s.id))).toBe(null);
  expect(await page.locator('.hero h1').textContent()).toBe('Northwind Goods');
  expect(warnings.some((w) => w.includes('preview of "nope" ignored'))).toBe(true);
  expect(errors.list).toEqual([]);
  await context.close();
});

it("the README's HTML works as written: with the demo's bundle, a product browser gets that variant", async () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const html = /```html\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const context = await browser.newContext();
  const errors = await watchErrors(context);
  const page = await context.newPage();
  await page.route(`${url}/readme.html*`, (r) =>
    r.fulfill({ contentType: 'text/html', body: `<!doctype html><html><head>${html}</head><body></body></html>` }),
  );
  // The README's slot sits in <head> as written; the browser moves it into <body>.
  await page.goto(`${url}/readme.html?edgeseg_preview=shopper`);
  await edgesegReady(page);
  await page.locator('[data-edgeseg-slot="hero"] h1', { hasText: 'Still deciding?' }).waitFor();
  expect(errors.list).toEqual([]);
  await context.close();
});

it(
  'npm run screenshot: the README picture comes from the real demo in Chromium',
  { timeout: 180_000 },
  async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'edgeseg-shot-')), 'demo.png');
    let said = '';
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['scripts/screenshot.mjs', out], { stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
      child.on('exit', resolve);
    });
    expect(code, said).toBe(0);
    const png = readFileSync(out);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(960); // the width the script asks for
  },
  90_000,
);

it('the demo runs a holdout and an experiment; reports reach its collector only with the measurement choice', async () => {
  const reports = (): {
    arms: { experiment: string; arm: string }[];
    goals: { goal: string; converted: boolean }[];
  }[] =>
    readdirSync(collected).flatMap((f) =>
      readFileSync(join(collected, f), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    );
  for (const measure of [false, true]) {
    const context = await browser.newContext();
    const errors = await watchErrors(context);
    const page = await context.newPage();
    await page.goto(`${url}/product-lamp.html`);
    await edgesegReady(page);
    await page.locator('#consent-banner').waitFor({ state: 'visible' });
    if (measure) await page.check('#measure');
    await page.click('#accept');
    await page.locator('#consent-banner').waitFor({ state: 'hidden' });
    await page.evaluate(() => localStorage.setItem('edgeseg:key', 'visitor-1'));
    // Browses like a product browser (the offer slot has a variant for that segment).
    await context.clock?.install?.({ time: await page.evaluate(() => Date.now()) });
    for (const path of PRODUCT_BROWSING) {
      await page.clock.fastForward(40_000);
      await page.goto(`${url}${path}`);
      await edgesegReady(page);
    }
    await page.click('[data-edgeseg-track="add_to_cart"]');
    await page.goto(`${url}/about.html`);
    await edgesegReady(page);
    if (measure) {
      await expect.poll(() => reports().filter((r) => r.goals.some((g) => g.converted)).length).toBeGreaterThan(0);
      expect(
        reports().every(
          (r) => r.arms.length > 0 && !('id' in r && String((r as { id: string }).id).includes('visitor')),
        ),
      ).toBe(true);
    } else expect(reports()).toEqual([]);
    expect(errors.list).toEqual([]);
    await context.close();
  }
});

it("the demo's dashboard reports the visits above: the experiment's arm with its views, drawn in Chromium", async () => {
  expect(dashboardUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const report = (await (await fetch(`${dashboardUrl}/report.json`)).json()) as {
    input: { reports: number; malformed: number };
    rows: { experiment: string; segment: string; views: number }[];
    drift: { rows: { segment: string; views: number }[] } | null;
  };
  expect(report.input.reports).toBeGreaterThan(0);
  expect(report.input.malformed).toBe(0);
  expect(report.rows.some((r) => r.segment === '*' && r.views > 0)).toBe(true);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${dashboardUrl}/`);
  // The demo bundle is trained with distance quantiles: the visits above carry distance bands.
  expect(report.drift?.rows.find((r) => r.segment === '*')?.views).toBeGreaterThan(0);
  await page.waitForFunction(() => document.querySelectorAll('section[data-panel] canvas').length >= 7);
  for (const panel of ['centroids', 'map', 'drift'])
    expect(await page.locator(`section[data-panel="${panel}"] canvas`).count(), panel).toBeGreaterThan(0);
  expect(await page.locator('[data-panel="drift"] p.verdict').textContent()).toMatch(
    /^(Retrain recommended|Segments still fit)/,
  );
  await context.close();
});
