import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { edgesegReady, launch, storageSeen, watchErrors } from './browser';

// The demo as a site owner would see it: `npm run demo`'s server, the bundle trained on
// the UCI shoppers data by the repo's own CLI, and a visitor clicking through the shop.
let demo: ChildProcess;
let url: string;
let browser: Browser;

beforeAll(async () => {
  demo = spawn(process.execPath, ['demo/serve.mjs'], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    demo.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
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
