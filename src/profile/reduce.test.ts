import { describe, expect, it } from 'vitest';
import type { EdgesegEvent } from '../types/event';
import { applyEvent, reduceProfile } from './reduce';
import { emptyProfile, PROFILE_LIMITS } from './empty';
import { resolveFeature, isKnownFeature } from '../features/catalogue';
import { resolveCategory } from '../features/category';

const ctx = (now: number) => ({ now, weekday: 1, pageGroups: {} });

const MIN = 60_000;
const opts = { sessionTimeout: 30 * MIN };
let n = 0;
const page = (t: number, pageType?: string): EdgesegEvent => ({
  id: `e${n++}`,
  kind: 'page',
  name: 'page_view',
  t,
  props: pageType ? { pageType } : {},
});
const track = (t: number, name: string): EdgesegEvent => ({ id: `e${n++}`, kind: 'track', name, t, props: {} });

describe('reduceProfile', () => {
  it('counts page types and attributes dwell to the page being left, as GA durations do', () => {
    const p = reduceProfile(null, [page(0, 'product'), page(40_000, 'product'), page(70_000, 'faq')], opts)!;
    expect(p.pages).toBe(3);
    expect(p.pageTypes['product']).toEqual({ n: 2, dwell: 70 });
    expect(p.pageTypes['faq']).toEqual({ n: 1, dwell: 0 });
    expect(p.session?.pageTypes['product']).toEqual({ n: 2, dwell: 70 });
  });

  it('starts a new session after the inactivity timeout and counts bounces', () => {
    const p = reduceProfile(null, [page(0, 'home'), page(31 * MIN, 'home'), page(32 * MIN, 'product')], opts)!;
    expect(p.sessions).toBe(2);
    expect(p.closedSessions).toBe(1);
    expect(p.bounces).toBe(1);
    expect(p.session?.pages).toBe(2);
    // Dwell never spans the gap between sessions.
    expect(p.pageTypes['home']?.dwell).toBe(60);
  });

  it('clamps a clock that goes backwards', () => {
    const p = reduceProfile(null, [page(10 * MIN, 'a'), page(5 * MIN, 'b')], opts)!;
    expect(p.lastSeen).toBe(10 * MIN);
    expect(p.sessions).toBe(1);
    expect(p.pageTypes['a']?.dwell).toBe(0);
  });

  it('refuses keys that could reach Object.prototype', () => {
    const p = emptyProfile(0);
    applyEvent(p, page(0, '__proto__'), opts);
    applyEvent(p, track(1, 'constructor'), opts);
    applyEvent(
      p,
      { id: 'x', kind: 'identify', name: 'identify', t: 2, props: { __proto__: 'x', tier: 'gold' } as never },
      opts,
    );
    expect(Object.getPrototypeOf(p.pageTypes)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(p.pageTypes)).toEqual([]);
    expect(p.traits).toEqual({ tier: 'gold' });
  });

  it('stays bounded however many distinct names arrive', () => {
    const events = Array.from({ length: 500 }, (_, i) => page(i, `type${i}`));
    const p = reduceProfile(null, events, opts)!;
    expect(Object.keys(p.pageTypes)).toHaveLength(PROFILE_LIMITS.pageTypes);
    expect(p.pages).toBe(500);
  });

  it('does not modify the profile it is given', () => {
    const base = reduceProfile(null, [page(0, 'a')], opts)!;
    const copy = JSON.stringify(base);
    reduceProfile(base, [page(1000, 'a')], opts);
    expect(JSON.stringify(base)).toBe(copy);
  });
});

const ev = (t: number, kind: EdgesegEvent['kind'], name: string, props: EdgesegEvent['props'] = {}): EdgesegEvent => ({
  id: `e${n++}`,
  kind,
  name,
  t,
  props,
});
const DAY = 86_400_000;

describe('reduceProfile: sessions, sources and exits', () => {
  it('starts a new session when the campaign changes, and counts sessions by traffic source', () => {
    const p = reduceProfile(
      null,
      [
        ev(0, 'page', 'page_view', { pageType: 'home', traffic: 'organic' }),
        ev(MIN, 'page', 'page_view', {
          pageType: 'product',
          traffic: 'email',
          utm_source: 'news',
          utm_medium: 'email',
          utm_campaign: 'may',
        }),
        ev(2 * MIN, 'page', 'page_view', { pageType: 'product', traffic: 'internal' }),
        ev(3 * MIN, 'page', 'page_view', {
          pageType: 'cart',
          utm_source: 'news',
          utm_medium: 'email',
          utm_campaign: 'may',
        }),
      ],
      opts,
    )!;
    expect(p.sessions).toBe(2);
    expect(p.sources).toEqual({ organic: 1, email: 1 });
    expect(p.session?.campaign).toBe('news|email|may');
    expect(
      reduceProfile(null, [ev(0, 'page', 'page_view'), ev(MIN, 'page', 'page_view', { utm_source: 'x' })], {
        ...opts,
        campaignSessions: false,
      })!.sessions,
    ).toBe(1);
  });

  it('counts entries, exits and bounces per page type; an interaction makes no bounce', () => {
    const p = reduceProfile(
      null,
      [
        ev(0, 'page', 'page_view', { pageType: 'home' }),
        ev(40 * MIN, 'page', 'page_view', { pageType: 'product' }),
        ev(41 * MIN, 'track', 'add_to_cart'),
        ev(90 * MIN, 'page', 'page_view', { pageType: 'home' }),
        ev(91 * MIN, 'page', 'page_view', { pageType: 'faq' }),
        ev(200 * MIN, 'page', 'page_view', { pageType: 'home' }),
      ],
      opts,
    )!;
    expect(p.closedSessions).toBe(3);
    expect(p.bounces).toBe(1);
    expect(p.flow['home']).toEqual({ entries: 3, exits: 1, bounces: 1 });
    expect(p.flow['faq']).toEqual({ entries: 0, exits: 1, bounces: 0 });
    expect(p.closedPages).toBe(4);
    expect(resolveFeature('exit_rate', p, ctx(200 * MIN))).toBe(3 / 4);
    expect(resolveFeature('entry_bounce_rate.home', p, ctx(200 * MIN))).toBe(1 / 3);
    expect(resolveFeature('avg_session_duration', p, ctx(200 * MIN))).toBe(120 / 4);
    expect(resolveFeature('days_since_last_visit', p, ctx(200 * MIN))).toBeCloseTo((200 - 91) / 1440);
  });

  it('never opens a session for scroll, engagement or traits, and caps engaged time', () => {
    const p = reduceProfile(
      null,
      [
        ev(0, 'page', 'page_view', { pageType: 'article' }),
        ev(MIN, 'track', 'scroll', { depth: 50 }),
        ev(2 * MIN, 'track', 'engagement', { seconds: 1e9 }),
        ev(DAY, 'track', 'engagement', { seconds: 12 }),
        ev(DAY, 'identify', 'identify', { tier: 'gold' }),
      ],
      opts,
    )!;
    expect(p.sessions).toBe(1);
    expect(p.bounces).toBe(0);
    expect(p.session?.pages).toBe(1);
    expect(p.scroll).toEqual([0, 1, 0, 0]);
    expect(p.engaged).toBe(30 * 60 + 12);
    expect(p.session?.engaged).toBe(30 * 60);
  });
});

describe('reduceProfile: engaged time per page type', () => {
  it('attributes engaged seconds to the page type they were spent on, lifetime and in the session, and by group', () => {
    const p = reduceProfile(
      null,
      [
        ev(0, 'page', 'page_view', { pageType: 'article' }),
        ev(MIN, 'track', 'engagement', { seconds: 40 }),
        ev(2 * MIN, 'page', 'page_view', { pageType: 'product' }),
        ev(3 * MIN, 'track', 'engagement', { seconds: 15 }),
        ev(4 * MIN, 'page', 'page_view', { pageType: 'guide' }),
        ev(5 * MIN, 'track', 'engagement', { seconds: 5 }),
      ],
      opts,
    )!;
    expect(p.pageTypes['article']?.engaged).toBe(40);
    expect(p.pageTypes['product']?.engaged).toBe(15);
    const c = { ...ctx(6 * MIN), pageGroups: { reading: ['article', 'guide'] } };
    expect(resolveFeature('engaged.reading', p, c)).toBe(45);
    expect(resolveFeature('session.engaged.product', p, c)).toBe(15);
    expect(resolveFeature('engaged', p, c)).toBe(60);
    expect(resolveFeature('engaged.cart', p, c)).toBe(0);
    expect(isKnownFeature('engaged.reading') && isKnownFeature('session.engaged.product')).toBe(true);
  });
});

describe('reduceProfile: commerce and affinities', () => {
  it('counts cart adds, abandonment, revenue in one currency, refunds and frequency windows', () => {
    const p = reduceProfile(
      null,
      [
        ev(0, 'track', 'add_to_cart', { value: 10, categories: 'lamps' }),
        ev(2 * DAY, 'track', 'add_to_cart', { categories: 'chairs' }),
        ev(2 * DAY + MIN, 'track', 'begin_checkout'),
        ev(2 * DAY + 2 * MIN, 'track', 'purchase', { value: 100, currency: 'eur', categories: 'chairs' }),
        ev(3 * DAY, 'track', 'purchase', { value: 50, currency: 'USD' }),
        ev(40 * DAY, 'track', 'purchase', { value: NaN as unknown as number }),
        ev(41 * DAY, 'track', 'refund', { value: 30, currency: 'EUR' }),
      ],
      opts,
    )!;
    const c = p.commerce;
    expect(c).toMatchObject({
      cartAdds: 2,
      checkouts: 1,
      purchases: 3,
      refunds: 1,
      currency: 'EUR',
      revenue: 100,
      refunded: 30,
      otherCurrency: 1,
      cartSessions: 2,
      abandoned: 1,
    });
    const at = ctx(41 * DAY);
    expect(resolveFeature('cart_abandonment', p, at)).toBe(0.5);
    expect(resolveFeature('revenue', p, at)).toBe(70);
    expect(resolveFeature('aov', p, at)).toBe(50);
    expect(resolveFeature('purchases_30d', p, at)).toBe(1);
    expect(resolveFeature('purchases_90d', p, at)).toBe(3);
    expect(resolveFeature('days_since_last_purchase', p, at)).toBe(1);
  });

  it('decays category affinity with the configured half-life and keeps the map bounded', () => {
    const halfLife = 10 * DAY;
    const p = reduceProfile(
      null,
      [
        ev(0, 'page', 'page_view', { category: 'lamps' }),
        ev(0, 'track', 'purchase', { value: 1, categories: 'chairs|__proto__' }),
      ],
      { ...opts, halfLife },
    )!;
    expect(resolveFeature('affinity.lamps', p, ctx(10 * DAY))).toBeCloseTo(0.5);
    expect(resolveFeature('affinity.chairs', p, ctx(20 * DAY))).toBeCloseTo(5 / 4);
    expect(resolveCategory('top_category', p)).toBe('chairs');
    expect(Object.getPrototypeOf(p.affinity)).toBe(Object.prototype);
    const many = reduceProfile(
      null,
      Array.from({ length: 200 }, (_, i) => ev(i, 'page', 'page_view', { category: `c${i}` })),
      opts,
    )!;
    expect(Object.keys(many.affinity)).toHaveLength(PROFILE_LIMITS.categories);
  });

  it('upgrades a v1 profile and keeps its counts', () => {
    const v1 = {
      v: 1,
      firstSeen: 0,
      lastSeen: MIN,
      events: 3,
      pages: 3,
      sessions: 1,
      bounces: 0,
      closedSessions: 0,
      pageTypes: { home: { n: 3, dwell: 60 } },
      tracks: {},
      traits: { tier: 'gold' },
      session: {
        start: 0,
        last: MIN,
        pages: 3,
        pageTypes: { home: { n: 3, dwell: 60 } },
        lastPageType: 'home',
        lastPageAt: MIN,
      },
    };
    const p = reduceProfile(v1 as never, [ev(2 * MIN, 'page', 'page_view', { pageType: 'home' })], opts)!;
    expect(p.v).toBe(2);
    expect(p.pages).toBe(4);
    expect(p.pageTypes['home']).toEqual({ n: 4, dwell: 120 });
    expect(p.commerce.purchases).toBe(0);
    expect(p.traits).toEqual({ tier: 'gold' });
  });
});
