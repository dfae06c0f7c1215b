import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakePlatform } from '../../test/helpers/fake-platform';
import { parseConfig } from '../config/parse-config';
import { campaignProps, trafficClass } from './campaign';
import { collectEngagement } from './engagement';
import { SPA_SETTLE_MS, watchNavigation } from './spa';
import { startCollectors } from './start';

const params = (q: string) => new URLSearchParams(q);

describe('traffic source class', () => {
  it.each([
    ['?utm_source=news&utm_medium=email', null, 'email'],
    ['?mc_cid=abc', null, 'email'],
    ['', 'mail.google.com', 'email'],
    ['?gclid=xyz', 'www.google.com', 'paid'],
    ['?utm_medium=cpc&utm_source=bing', null, 'paid'],
    ['?fbclid=1', null, 'social'],
    ['', 'l.facebook.com', 'social'],
    ['', 'www.google.de', 'organic'],
    ['', 'duckduckgo.com', 'organic'],
    ['?utm_source=partner', null, 'campaign'],
    ['', 'blog.example.org', 'referral'],
    ['', 'shop.test', 'internal'],
    ['', null, 'direct'],
  ])('%s from %s is %s', (query, referrer, expected) => {
    expect(trafficClass(params(query), referrer, 'shop.test')).toBe(expected);
  });

  it('keeps UTM values and the referrer host only, never click ids, utm_term or referrer paths', () => {
    const location = new URL(
      'https://shop.test/p?utm_source=news&utm_medium=email&utm_term=my+name&gclid=SECRET',
    ) as unknown as Location;
    const props = campaignProps(location, 'https://www.bing.com/search?q=private', false);
    expect(props).toEqual({ utm_source: 'news', utm_medium: 'email', traffic: 'email', referrer: 'www.bing.com' });
  });
});

describe('engaged time', () => {
  it('counts visible, focused time up to the idle cut-off and restarts on input', () => {
    let now = 0;
    const focus = vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const e = collectEngagement(window, document, () => now, 30_000);
    now = 10_000;
    expect(e.flush()).toBe(10);
    now = 100_000; // idle since 0: only up to 30 s after the last input counts
    expect(e.flush()).toBe(20);
    window.dispatchEvent(new Event('keydown'));
    now = 105_000;
    focus.mockReturnValue(false);
    window.dispatchEvent(new Event('blur'));
    now = 200_000;
    expect(e.flush()).toBe(5);
    e.stop();
    focus.mockRestore();
  });
});

describe('SPA navigation without the Navigation API', () => {
  afterEach(() => void vi.useRealTimers());

  it("wraps pushState/replaceState, listens to popstate, waits for the route to settle on the platform's timers, and restores history on stop", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = fakePlatform();
    const seen: string[] = [];
    const original = history.pushState;
    const stop = watchNavigation(window, () => seen.push(location.pathname), fake.platform);
    history.pushState(null, '', '/a');
    // The page view is read once the new route had time to render its meta tags.
    await vi.advanceTimersByTimeAsync(SPA_SETTLE_MS - 1);
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['/a']);
    history.replaceState(null, '', '/a?x=1');
    await vi.advanceTimersByTimeAsync(SPA_SETTLE_MS);
    history.replaceState(null, '', '/b');
    // A second change within the settle time restarts it: one page view for both.
    history.pushState(null, '', '/c');
    await vi.advanceTimersByTimeAsync(SPA_SETTLE_MS);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(SPA_SETTLE_MS);
    expect(seen).toEqual(['/a', '/c']);
    expect(fake.delays).toEqual(Array(5).fill(SPA_SETTLE_MS));
    stop();
    expect(history.pushState).toBe(original);
  });

  it("the collectors hand the host's timers to it", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = fakePlatform();
    const parsed = parseConfig({});
    if (!parsed.ok) throw parsed.error;
    const pages: string[] = [];
    const collectors = startCollectors({
      window,
      document,
      config: parsed.config.collect,
      now: fake.platform.now,
      timers: fake.platform,
      page: () => pages.push(location.pathname),
      track: () => {},
      report: (error) => {
        throw error;
      },
    });
    history.pushState(null, '', '/spa-route');
    await vi.advanceTimersByTimeAsync(SPA_SETTLE_MS);
    collectors.stop();
    expect(pages).toEqual(['/spa-route']);
    expect(fake.delays).toEqual([SPA_SETTLE_MS]);
  });
});

describe('page types from URL rules, and commerce items', () => {
  it('compiles path globs in order and reports bad entries', async () => {
    const { compilePageTypes, readPageType } = await import('./page-type');
    const errors: string[] = [];
    const rules = compilePageTypes({ '/p/*': 'product', '/blog/**': 'article', nope: 'x', '/bad': 'a b' }, (e) =>
      errors.push(e.path ?? ''),
    );
    document.head.innerHTML = '';
    expect(readPageType(document, '/p/lamp', rules)).toBe('product');
    expect(readPageType(document, '/p/lamp/reviews', rules)).toBeNull();
    expect(readPageType(document, '/blog/2026/lamps', rules)).toBe('article');
    expect(errors).toEqual(['collect.pageTypes', 'collect.pageTypes']);
    document.head.innerHTML = '<meta name="edgeseg:page-type" content="landing">';
    expect(readPageType(document, '/p/lamp', rules)).toBe('landing');
    document.head.innerHTML = '';
  });

  it('flattens GA4-style items into bounded flat props; an explicit value wins', async () => {
    const { normalizeEvent } = await import('./normalize-event');
    const { flattenItems } = await import('./flatten-items');
    const items = [
      { item_id: 'a|1', item_category: 'lamps', price: 10, quantity: 3, item_name: 'Private note' },
      { id: 'b', category: 'mugs', price: 5 },
      'junk',
    ];
    const out = normalizeEvent('track', 'purchase', { items, currency: 'EUR' }, 0, 'x', flattenItems);
    expect(out.ok && out.event.props).toEqual({
      items: 3,
      quantity: 4,
      products: 'a1|b',
      categories: 'lamps|mugs',
      value: 35,
      currency: 'EUR',
    });
    const given = normalizeEvent('track', 'purchase', { value: 30, items }, 0, 'y', flattenItems);
    expect(given.ok && given.event.props['value']).toBe(30);
    const without = normalizeEvent('track', 'purchase', { items }, 0, 'z');
    expect(without.ok && without.event.props).toEqual({});
  });
});

describe('nested event properties', () => {
  it('are event_invalid naming the property; commerce items still flatten', async () => {
    const { flattenItems } = await import('./flatten-items');
    const { normalizeEvent } = await import('./normalize-event');
    const run = (props: object) => () => normalizeEvent('track', 'x', props, 0, 'id', flattenItems);
    expect(run({ product: { id: 'A1' } })).toThrow(
      expect.objectContaining({ code: 'event_invalid', path: 'props.product' }),
    );
    expect(run({ tags: ['a'] })).toThrow(/"tags" is a list/);
    const ok = run({ items: [{ id: 'A1', price: 2 }], keep: 'yes' })();
    expect(ok.ok && ok.event.props).toMatchObject({ items: 1, value: 2, keep: 'yes' });
  });
});
