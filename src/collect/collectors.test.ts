import { describe, expect, it, vi } from 'vitest';
import { campaignProps, trafficClass } from './campaign';
import { collectEngagement } from './engagement';
import { watchNavigation } from './spa';

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
    const location = new URL('https://shop.test/p?utm_source=news&utm_medium=email&utm_term=my+name&gclid=SECRET') as unknown as Location;
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
  it('wraps pushState/replaceState, listens to popstate, and restores history on stop', async () => {
    const seen: string[] = [];
    const original = history.pushState;
    const stop = watchNavigation(window, () => seen.push(location.pathname));
    history.pushState(null, '', '/a');
    await new Promise((r) => setTimeout(r, 80));
    history.replaceState(null, '', '/a?x=1');
    await new Promise((r) => setTimeout(r, 80));
    history.replaceState(null, '', '/b');
    await new Promise((r) => setTimeout(r, 80));
    expect(seen).toEqual(['/a', '/b']);
    stop();
    expect(history.pushState).toBe(original);
  });
});
