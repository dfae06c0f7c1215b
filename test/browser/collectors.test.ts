import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/index';
import { SPA_SETTLE_MS } from '../../src/collect/spa';
import { timeZone } from '../../src/collect/context';
import { browserPlatform, type Platform } from '../../src/lib/platform';
import type { EdgesegClient } from '../../src/types/client';

/**
 * Resolves after the SPA collector has read the page view of a navigation that already
 * fired its event: its settle timer was set first with the same delay, and timers with
 * the same delay fire in the order they were set, however slow the machine.
 */
const settled = () => new Promise((r) => setTimeout(r, SPA_SETTLE_MS));
/** Two frames: a scroll event is dispatched in the next frame, whose animation callbacks (our measure) follow. */
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
let client: EdgesegClient | null = null;
const start = async (config: object = {}, platform?: Platform) => {
  client = createClient(platform ? { platform } : {});
  await client.init({ storage: 'memory', consent: { mode: 'opt-out', detect: false }, ...config });
  return client;
};
const events = async (name?: string) => (await client!.exportData()).events.filter((e) => !name || e.name === name);
const startPath = location.pathname;

afterEach(async () => {
  // Erased, then stopped (a live client keeps collecting for this document), and its
  // objection (forget() under opt-out objects) removed so the next test starts clean.
  await client?.forget();
  client?.destroy();
  localStorage.clear();
  history.replaceState(null, '', startPath);
  document.body.innerHTML = '';
  document.head.querySelectorAll('meta[name^="edgeseg:"]').forEach((m) => m.remove());
  client = null;
});

describe('collectors in real Chromium', () => {
  it('reads the time zone from Temporal, as Intl names it, without initialising ICU', () => {
    // The collector's fast path (docs/performance.md): this Chromium has Temporal.
    expect(typeof (window as { Temporal?: unknown }).Temporal).toBe('object');
    expect(timeZone(window)).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('records a page view on load and on SPA navigations (Navigation API), with page type, category and context', async () => {
    document.head.insertAdjacentHTML('beforeend', '<meta name="edgeseg:page-type" content="home">');
    await start({ collect: { pageTypes: { '/shop/p/*': 'product' } } });
    history.pushState(null, '', '/shop/p/lamp?email=a@b.c#x');
    document.head.querySelector('meta[name="edgeseg:page-type"]')!.remove();
    document.body.setAttribute('data-edgeseg-category', 'lamps');
    await settled();
    history.replaceState(null, '', '/shop/p/lamp?sort=1'); // same path: no page view
    await settled();
    history.pushState(null, '', '/shop/p/chair');
    await settled();
    // Back is asynchronous: the navigation (and our collector's timer) starts when popstate fires.
    const back = new Promise((r) => addEventListener('popstate', r, { once: true }));
    history.back();
    await back;
    await settled();
    const views = await events('page_view');
    expect(views.map((e) => e.props['path'])).toEqual([startPath, '/shop/p/lamp', '/shop/p/chair', '/shop/p/lamp']);
    expect(views[0]?.props).toMatchObject({
      pageType: 'home',
      device: expect.any(String),
      tz: expect.any(String),
      hour: expect.any(Number),
    });
    expect(views[1]?.props).toMatchObject({ pageType: 'product', category: 'lamps', traffic: 'internal' });
    // Query strings (here an email address) and hashes are never recorded.
    expect(JSON.stringify(views)).not.toContain('a@b.c');
    const profile = (await client!.exportData()).profile!;
    expect(profile.pageTypes['product']?.n).toBe(3);
    expect(profile.affinity['lamps']).toBeDefined();
  });

  it('records tracked clicks with declared props only, never text or form values', async () => {
    await start();
    document.body.innerHTML =
      '<form><input id="q" value="secret text"><button type="button" data-edgeseg-track="add_to_cart" data-edgeseg-label="arc lamp" data-edgeseg-category="lamps" data-edgeseg-value="129" data-edgeseg-currency="EUR"><span>Buy secret</span></button></form>';
    (document.querySelector('span') as HTMLElement).click();
    const [click] = await events('add_to_cart');
    expect(click?.props).toEqual({ label: 'arc lamp', category: 'lamps', value: 129, currency: 'EUR' });
    expect(JSON.stringify(await events())).not.toContain('secret');
    expect((await client!.exportData()).profile?.commerce.cartAdds).toBe(1);
  });

  it('records scroll depth once per threshold and page, and again after an SPA navigation', async () => {
    await start();
    document.body.innerHTML = '<div style="height: 5000px"></div>';
    const to = async (share: number) => {
      window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * share);
      await frames();
    };
    await to(0.6);
    await to(0.1);
    await to(0.6);
    expect((await events('scroll')).map((e) => e.props['depth'])).toEqual([25, 50]);
    await to(1);
    expect((await events('scroll')).map((e) => e.props['depth'])).toEqual([25, 50, 75, 100]);
    window.scrollTo(0, 0);
    history.pushState(null, '', '/next');
    await settled();
    await to(0.3);
    expect((await events('scroll')).map((e) => e.props['depth'])).toEqual([25, 50, 75, 100, 25]);
  });

  it('records engaged time (visible, focused, not idle) before the next SPA page view', async () => {
    window.focus();
    expect(document.hasFocus()).toBe(true);
    // The client's clock moves only when the test moves it: engaged time is exact.
    let t = Date.UTC(2026, 10, 23, 12);
    await start({ collect: { idleTimeout: 5 } }, { ...browserPlatform(), now: () => t });
    window.dispatchEvent(new PointerEvent('pointerdown'));
    t += 1300;
    history.pushState(null, '', '/engaged');
    await settled();
    const names = (await events()).map((e) => e.name);
    expect(names.slice(-2)).toEqual(['engagement', 'page_view']);
    const [engaged] = await events('engagement');
    expect(engaged?.props['seconds']).toBe(1.3);
    expect((await client!.exportData()).profile?.engaged).toBe(engaged?.props['seconds']);
  });

  it('turns collectors off by config and drops commerce and traits when told to', async () => {
    await start({ collect: { pageViews: false, scroll: false, clicks: false, commerce: false, identify: false } });
    document.body.innerHTML = '<button data-edgeseg-track="promo_click">x</button><div style="height: 5000px"></div>';
    (document.querySelector('button') as HTMLElement).click();
    window.scrollTo(0, 4000);
    await frames();
    history.pushState(null, '', '/elsewhere');
    await settled();
    client!.track('purchase', { value: 10 });
    client!.identify({ tier: 'gold' });
    client!.track('newsletter_signup');
    expect((await events()).map((e) => e.name)).toEqual(['newsletter_signup']);
  });

  it('buffers in memory while consent is pending and records nothing once denied', async () => {
    await start({ consent: { mode: 'opt-in', detect: false } });
    client!.track('add_to_cart', { items: [{ item_id: 'sku1', item_category: 'lamps', price: 20, quantity: 2 }] });
    const pending = await client!.exportData();
    expect(pending.storage).toBe('none');
    expect(pending.events.map((e) => e.name)).toEqual(['page_view', 'add_to_cart']);
    expect(pending.events[1]?.props).toEqual({
      items: 1,
      quantity: 2,
      products: 'sku1',
      categories: 'lamps',
      value: 40,
    });
    await client!.consent.revoke();
    client!.track('add_to_cart');
    history.pushState(null, '', '/denied');
    await settled();
    expect((await client!.exportData()).events).toEqual([]);
  });
});
