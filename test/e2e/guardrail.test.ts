import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright';
import { becomeReader as readerOf, edgesegReady, type PageErrors } from './browser';
import type { TestServer } from './server';
import { recordViolations, useSession } from './session';

type Es = {
  consent: { set(c: object): Promise<void> };
  on(name: string, cb: (p: unknown) => void): () => void;
  personalize(slot: string): Promise<{ variant: string; reason: string }>;
};
declare const edgeseg: Es;
type Seen = { trips: { slot: string; variant: string; cls: number; until: number | null }[]; errors: string[] };

const STUB = readFileSync(new URL('../../src/stub.js', import.meta.url), 'utf8').trim();
/** The reader variant is 400 px taller than the default and nothing reserves its height: a swap after paint pushes `#below` down. */
const GROWS = `<div id="hero" data-edgeseg-slot="hero"><p id="d">Welcome</p><template data-edgeseg-variant="reader"><div id="r" style="height:420px">New guides for readers</div></template></div><div id="below" style="height:2000px">Below the slot</div>`;
/** The same variant in a slot that reserves its height: the swap moves nothing. */
const RESERVED = GROWS.replace(
  'data-edgeseg-slot="hero"',
  'data-edgeseg-slot="hero" style="height:430px;overflow:hidden"',
);

let server: TestServer;
let context: BrowserContext;
let page: Page;
let errors: PageErrors;
const session = useSession(recordViolations);
beforeEach(() => void ({ server, context, errors, page } = session));

function route(path: string, slot: string): void {
  const body = `<!doctype html><html><head><meta charset="utf-8"><script>window.edgesegConfig={hideTimeout:0}</script><script>${STUB}</script><script async src="/edgeseg.iife.js" data-bundle="/bundles/pages.json"></script></head><body>${slot}</body></html>`;
  server.route(path, { body });
}

const becomeReader = (): Promise<void> => readerOf(page, server.url);

/**
 * Loads `path` with the engine chunk held back until the default content has been painted
 * (two animation frames), so the variant arrives on a page already on screen; without the
 * remembered decision of the last visit, which would swap before the first paint.
 */
async function loadLate(path: string): Promise<Seen> {
  await page.evaluate(() => localStorage.removeItem('edgeseg:last'));
  let release: () => void = () => {};
  const painted = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  await context.route('**/edgeseg.engine.mjs', async (r) => {
    held++;
    await painted;
    await r.continue();
  });
  await page.goto(`${server.url}${path}`, { waitUntil: 'commit' });
  await page.waitForFunction(() => !Array.isArray((window as unknown as { edgeseg: unknown }).edgeseg));
  await page.evaluate(() => {
    const seen: Seen = { trips: [], errors: [] };
    (window as unknown as { __seen: Seen }).__seen = seen;
    edgeseg.on('guardrail', (t) => seen.trips.push(t as Seen['trips'][number]));
    edgeseg.on('error', (e) => seen.errors.push((e as { code: string }).code));
    return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  expect(await page.locator('#d').isVisible()).toBe(true);
  release();
  await page.waitForSelector('#r');
  await context.unroute('**/edgeseg.engine.mjs');
  expect(held).toBeGreaterThan(0);
  return (await page.evaluateHandle(() => (window as unknown as { __seen: Seen }).__seen)).jsonValue();
}

describe('the layout-shift guardrail in Chromium', () => {
  it('switches off a variant whose swap shifts the page, from the next page on, and says so', async () => {
    await becomeReader();
    route('/grows.html', GROWS);
    await loadLate('/grows.html');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __seen: Seen }).__seen.trips.length)).toBe(1);
    const seen = await page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);
    expect(seen.trips[0]).toMatchObject({ slot: 'hero', variant: 'reader' });
    expect(seen.trips[0]?.cls).toBeGreaterThan(0.1);
    expect(seen.trips[0]?.until).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(seen.errors).toContain('guardrail');
    // Not reverted on this page: that would shift it a second time.
    expect(await page.locator('#r').count()).toBe(1);
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem('edgeseg:off'))) ?? '{}')).toHaveProperty(
      'hero|reader',
    );
    // The next page: the default, for a reason the visitor can read; the variant never shows.
    await context.addInitScript(() => {
      new MutationObserver(() => {
        if (document.getElementById('r')) (window as unknown as { __shown: boolean }).__shown = true;
      }).observe(document, { childList: true, subtree: true });
    });
    await page.reload();
    await edgesegReady(page);
    const decision = await page.evaluate(() => edgeseg.personalize('hero'));
    expect(decision).toMatchObject({ variant: 'default', reason: 'guardrail' });
    expect(await page.evaluate(() => (window as unknown as { __shown?: boolean }).__shown ?? false)).toBe(false);
    expect(errors.list).toEqual([]);
  });

  it('leaves a variant on when its slot reserves the space (the swap moves nothing)', async () => {
    await becomeReader();
    route('/reserved.html', RESERVED);
    const seen = await loadLate('/reserved.html');
    // A later task: any shift of the swap's frame has been reported by now.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const after = await page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);
    expect([...seen.trips, ...after.trips]).toEqual([]);
    expect(await page.evaluate(() => localStorage.getItem('edgeseg:off'))).toBeNull();
    await page.reload();
    await edgesegReady(page);
    expect(await page.evaluate(() => edgeseg.personalize('hero'))).toMatchObject({ reason: 'segment_variant' });
  });
});
