import pagesBundle from '../../test/fixtures/bundles/pages.json';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testClient as createClient } from '../../test/helpers/client';
import { fakePlatform, type FakePlatform } from '../../test/helpers/fake-platform';
import { createSignal } from '../../test/helpers/signal';
import type { EdgesegClient } from '../types/client';
import type { ConsentRecord } from '../types/consent';

/** A page's platform: happy-dom's own localStorage (cleared before each test), a fresh fake IndexedDB. */
function platform(): FakePlatform {
  return fakePlatform({
    localStorage: () => window.localStorage,
    fetch: vi.fn(async () => new Response(JSON.stringify(pagesBundle), { status: 200 })) as unknown as typeof fetch,
  });
}

const record = (): ConsentRecord | null =>
  JSON.parse(localStorage.getItem('edgeseg:consent') ?? 'null') as ConsentRecord | null;
/** Resolves once the client's personalization consent is `status`, following its `consent` events. */
function consentOf(es: EdgesegClient): (status: string) => Promise<void> {
  const signal = createSignal();
  es.on('consent', () => signal.changed());
  return (status) => signal.until(() => es.consent.get().personalization === status);
}
type CookiebotWindow = { Cookiebot?: { hasResponse: boolean; consent: Record<string, boolean> } };

beforeEach(() => {
  localStorage.clear();
  document.head.innerHTML = '<meta name="edgeseg:page-type" content="article">';
  document.body.innerHTML =
    '<div data-edgeseg-slot="hero"><p>default</p><template data-edgeseg-variant="reader"><p>reader</p></template></div>';
});
afterEach(() => {
  delete (window as CookiebotWindow).Cookiebot;
});

describe('consent receipts', () => {
  it('logs each grant and denial with source and config version, keeps them after revoke, exports them, and forget() erases them', async () => {
    const fake = platform();
    const es = createClient({ platform: fake.platform });
    await es.init({ consent: { version: 'v7' } });
    expect(localStorage.length).toBe(0);
    await es.consent.set({ personalization: true, measurement: false });
    await es.consent.revoke();
    const receipts = record()?.receipts ?? [];
    expect(receipts.map((r) => [r.source, r.purposes.personalization, r.purposes.measurement, r.config])).toEqual([
      ['manual', 'granted', 'denied', 'v7'],
      ['manual', 'denied', 'denied', 'v7'],
    ]);
    expect((await es.exportData()).consent.record?.receipts).toEqual(receipts);
    await es.forget();
    expect(localStorage.length).toBe(0);
  });

  it('receipts: 0 keeps none, not even earlier ones (the manual choice itself is still remembered)', async () => {
    const fake = platform();
    const es = createClient({ platform: fake.platform });
    localStorage.setItem(
      'edgeseg:consent',
      JSON.stringify({
        v: 1,
        t: 1,
        source: 'receipts',
        receipts: [{ t: 1, source: 'tcf', purposes: {}, config: null }],
      }),
    );
    await es.init({ consent: { receipts: 0 } });
    await es.consent.set({ personalization: true });
    expect(record()?.receipts).toEqual([]);
    expect(record()?.purposes?.personalization).toBe('granted');
  });
});

describe('pending: "page-view"', () => {
  it("personalizes from this page load's events while pending and stores nothing", async () => {
    const fake = platform();
    const es = createClient({ platform: fake.platform });
    await es.init({ bundle: '/b.json', consent: { pending: 'page-view' } });
    es.page();
    es.page();
    es.page();
    // Page views re-score in a microtask, which runs before `segment()` resolves.
    expect((await es.segment()).id).toBe('reader');
    expect(document.querySelector('[data-edgeseg-slot] p')?.textContent).toBe('reader');
    expect(es.consent.get().personalization).toBe('pending');
    expect(Object.keys(localStorage)).toEqual([]);
    expect(await fake.idb.databases()).toEqual([]);
  });

  it('without it, pending shows default content', async () => {
    const fake = platform();
    const es = createClient({ platform: fake.platform });
    await es.init({ bundle: '/b.json' });
    es.page();
    es.page();
    es.page();
    expect((await es.segment()).id).toBeNull();
    expect(document.querySelector('[data-edgeseg-slot] p')?.textContent).toBe('default');
  });
});

describe('a consent manager and the manual API', () => {
  it('any denial wins: consent.set cannot override a Cookiebot denial; the CMP grant then applies', async () => {
    (window as CookiebotWindow).Cookiebot = { hasResponse: true, consent: { preferences: false, statistics: false } };
    const fake = platform();
    const es = createClient({ platform: fake.platform });
    const consent = consentOf(es);
    await es.init({ consent: { sources: { cookiebot: {} } } });
    await consent('denied');
    await es.consent.set({ personalization: true });
    expect(es.consent.get().personalization).toBe('denied');
    (window as CookiebotWindow).Cookiebot!.consent['preferences'] = true;
    window.dispatchEvent(new Event('CookiebotOnAccept'));
    await consent('granted');
    // The first denial started no record (a manager's denial writes nothing of ours); the
    // visitor's own choice did, and the grant after it is logged.
    expect(record()?.receipts?.map((r) => r.source)).toEqual(['cookiebot']);
  });

  it('forget() under opt-out also objects: nothing is recreated, the denial is the one record kept', async () => {
    const fake = platform();
    const es = createClient({ platform: fake.platform });
    await es.init({ bundle: '/b.json', consent: { mode: 'opt-out' } });
    es.track('before');
    await es.forget();
    expect(es.consent.get().personalization).toBe('denied');
    expect((await fake.idb.databases()).map((d) => d.name)).toEqual([]);
    expect(Object.keys(localStorage)).toEqual(['edgeseg:consent']);
    expect(record()?.purposes).toEqual({ personalization: 'denied', measurement: 'denied' });
  });

  it("a consent manager's (or GPC's) denial writes nothing of ours, not even a receipt", async () => {
    (window as CookiebotWindow).Cookiebot = { hasResponse: true, consent: { preferences: false, statistics: false } };
    const es = createClient({ platform: platform().platform });
    await es.init({ consent: { sources: { cookiebot: {} } } });
    await consentOf(es)('denied');
    expect(localStorage.length).toBe(0);
    delete (window as CookiebotWindow).Cookiebot;
    const gpc = platform();
    Object.defineProperty(window.navigator, 'globalPrivacyControl', { value: true, configurable: true });
    try {
      const other = createClient({ platform: gpc.platform });
      await other.init({ consent: { mode: 'opt-out' } });
      await consentOf(other)('denied');
      expect(localStorage.length).toBe(0);
    } finally {
      delete (window.navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    }
  });

  it("a remembered manual denial counts against the consent manager's grant until the visitor grants again", async () => {
    const denied = { v: 1, t: 1, source: 'manual', purposes: { personalization: 'denied', measurement: 'denied' } };
    localStorage.setItem('edgeseg:consent', JSON.stringify(denied));
    (window as CookiebotWindow).Cookiebot = { hasResponse: true, consent: { preferences: true, statistics: true } };
    const es = createClient({ platform: platform().platform });
    const consent = consentOf(es);
    await es.init({ consent: { sources: { cookiebot: {} } } });
    await consent('denied');
    // The manager's answer changes from denied to granted while the page is open: a new answer.
    (window as CookiebotWindow).Cookiebot!.consent['preferences'] = false;
    window.dispatchEvent(new Event('CookiebotOnDecline'));
    (window as CookiebotWindow).Cookiebot!.consent['preferences'] = true;
    window.dispatchEvent(new Event('CookiebotOnAccept'));
    await consent('granted');
    // ...and the record no longer holds the denial for later pages.
    expect(record()?.purposes?.personalization).toBe('pending');
  });
});
