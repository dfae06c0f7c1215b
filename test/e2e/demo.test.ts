import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { edgesegReady, launch, storageSeen, watchErrors } from './browser';

// The demo as a site owner would see it: `npm run demo`'s server, the bundle trained on
// the UCI shoppers data by the repo's own CLI, and a visitor clicking through the shop.
let demo: ChildProcess;
let url: string;
/** The demo's dashboard (edgeseg dashboard over the collector's folder). */
let dashboardUrl = '';
let browser: Browser;
/** Where the demo's collector writes (a fresh folder per run). */
const collected = mkdtempSync(join(tmpdir(), 'edgeseg-demo-collect-'));

beforeAll(async () => {
  demo = spawn(process.execPath, ['demo/serve.mjs'], {
    env: { ...process.env, PORT: '0', COLLECT_DIR: collected },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    demo.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      dashboardUrl ||= /edgeseg dashboard: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1] ?? '';
      const match = /demo shop: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    demo.on('exit', (code) => reject(new Error(`demo exited with ${code}: ${out}`)));
  });
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

it('a visitor who accepts and browses many products becomes a "Product browser" and sees that hero', async () => {
  const context = await browser.newContext();
  const errors = await watchErrors(context);
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await edgesegReady(page);
  // Waits for the banner's state, however long it takes (not a one-second poll).
  await page.locator('#consent-banner').waitFor({ state: 'visible' });
  expect((await storageSeen(page)).databases).toEqual([]);
  await page.click('#accept');
  await page.locator('#consent-banner').waitFor({ state: 'hidden' });
  // The demo holds out 10% of visitors from personalization: this visitor's key is one that is not held out.
  await page.evaluate(() => localStorage.setItem('edgeseg:key', 'visitor-1'));

  // A product-focused session: a category and eight product views, ~40 s apart.
  const clock = await page.evaluate(() => Date.now());
  await context.clock?.install?.({ time: clock });
  const paths = [
    '/category.html',
    '/product-lamp.html',
    '/product-mug.html',
    '/product-chair.html',
    '/category.html',
    '/product-lamp.html',
    '/product-mug.html',
    '/product-chair.html',
    '/product-lamp.html',
    '/',
  ];
  for (const path of paths) {
    await page.clock.fastForward(40_000);
    await page.goto(`${url}${path}`);
    await edgesegReady(page);
  }
  expect(await page.evaluate(() => edgeseg.segment().then((s) => s.id))).toBe('shopper');
  expect(await page.locator('.hero h1').textContent()).toBe('Still deciding?');
  expect(await page.locator('#segment').textContent()).toBe('Product browser');
  expect(errors.list).toEqual([]);
  await context.close();
});

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
    for (const path of [
      '/category.html',
      '/product-lamp.html',
      '/product-mug.html',
      '/product-chair.html',
      '/category.html',
      '/product-lamp.html',
      '/product-mug.html',
      '/product-chair.html',
      '/product-lamp.html',
    ]) {
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
  };
  expect(report.input.reports).toBeGreaterThan(0);
  expect(report.input.malformed).toBe(0);
  expect(report.rows.some((r) => r.segment === '*' && r.views > 0)).toBe(true);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${dashboardUrl}/`);
  await page.waitForFunction(() => document.querySelectorAll('section[data-panel] canvas').length >= 5);
  expect(await page.locator('section[data-panel="centroids"] canvas').count()).toBeGreaterThan(0);
  await context.close();
});
