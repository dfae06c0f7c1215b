import { describe, expect, it } from 'vitest';
import type { EdgesegEvent } from '../types/event';
import { applyEvent, reduceProfile } from './reduce';
import { emptyProfile, PROFILE_LIMITS } from './empty';

const MIN = 60_000;
const opts = { sessionTimeout: 30 * MIN };
let n = 0;
const page = (t: number, pageType?: string): EdgesegEvent => ({ id: `e${n++}`, kind: 'page', name: 'page_view', t, props: pageType ? { pageType } : {} });
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
    applyEvent(p, { id: 'x', kind: 'identify', name: 'identify', t: 2, props: { __proto__: 'x', tier: 'gold' } as never }, opts);
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
