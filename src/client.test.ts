import pagesBundle from '../test/fixtures/bundles/pages.json';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { testClient as createClient } from '../test/helpers/client';
import { fakePlatform as makeFakePlatform, type FakePlatform } from '../test/helpers/fake-platform';
import type { EdgesegError } from './lib/errors';

const bundleText = JSON.stringify(pagesBundle);

function fakePlatform(): FakePlatform {
  const fake = makeFakePlatform();
  fake.platform.fetch = vi.fn(async () => new Response(bundleText, { status: 200 })) as unknown as typeof fetch;
  return fake;
}

const databases = async (idb: IDBFactory) => (await idb.databases()).map((d) => d.name);

beforeEach(() => {
  document.head.innerHTML = '<meta name="edgeseg:page-type" content="article">';
  document.body.innerHTML =
    '<div data-edgeseg-slot="hero"><p>default</p><template data-edgeseg-variant="reader"><p>reader</p></template></div>';
});
const hero = () => document.querySelector('[data-edgeseg-slot] p')?.textContent;

describe('client', () => {
  it('keeps events in memory while consent is pending and, by default, drops them on grant', async () => {
    const fake = fakePlatform();
    const es = createClient({ platform: fake.platform });
    await es.init({ bundle: '/b.json' });
    es.page();
    expect((await es.exportData()).events.map((e) => e.name)).toEqual(['page_view', 'page_view']);
    expect(await databases(fake.idb)).toEqual([]);

    await es.consent.set({ personalization: true });
    expect(await databases(fake.idb)).toEqual(['edgeseg']);
    const granted = await es.exportData();
    expect(granted.events).toEqual([]);
    expect(granted.profile).toBeNull();
    expect(hero()).toBe('default');
    es.page();
    window.dispatchEvent(new Event('pagehide'));
    const after = await es.exportData();
    expect(after.events).toHaveLength(1);
    expect(after.profile?.pages).toBe(1);
  });

  it('with consent.keepPending, persists the events recorded while pending on grant', async () => {
    const fake = fakePlatform();
    const es = createClient({ platform: fake.platform });
    await es.init({ bundle: '/b.json', consent: { keepPending: true } });
    es.page();
    es.page();
    expect(await databases(fake.idb)).toEqual([]);
    expect(fake.storage.size).toBe(0);
    expect(hero()).toBe('default');
    expect((await es.segment()).id).toBeNull();

    await es.consent.set({ personalization: true });
    expect(await databases(fake.idb)).toEqual(['edgeseg']);
    expect(hero()).toBe('reader');
    const data = await es.exportData();
    expect(data.events).toHaveLength(3);
    expect(data.profile?.pageTypes['article']?.n).toBe(3);
    expect(data.storage).toBe('indexeddb');
  });

  it('restores the profile in a new client (a reload) and wipes everything on revoke', async () => {
    const fake = fakePlatform();
    const first = createClient({ platform: fake.platform });
    await first.init({ bundle: '/b.json', consent: { keepPending: true } });
    await first.consent.set({ personalization: true });
    first.page();
    // Writes are batched; leaving the page flushes them.
    window.dispatchEvent(new Event('pagehide'));
    await first.exportData(); // waits for the write
    first.destroy(); // the page is gone
    fake.clock.t += 60_000;

    const second = createClient({ platform: fake.platform });
    await second.init({ bundle: '/b.json' });
    expect(second.consent.get().personalization).toBe('granted');
    expect((await second.exportData()).profile?.pages).toBe(3);
    expect((await second.segment()).id).toBe('reader');

    await second.consent.revoke();
    expect(await databases(fake.idb)).toEqual([]);
    expect([...fake.storage.keys()]).toEqual(['edgeseg:consent']);
    expect(hero()).toBe('default');
    second.track('after_revoke');
    expect((await second.exportData()).events).toEqual([]);
  });

  it('forget() leaves nothing, not even the consent record', async () => {
    const fake = fakePlatform();
    const es = createClient({ platform: fake.platform });
    await es.init({ bundle: '/b.json' });
    await es.consent.set({ personalization: true });
    await es.forget();
    expect(await databases(fake.idb)).toEqual([]);
    expect(fake.storage.size).toBe(0);
    expect(es.consent.get().personalization).toBe('pending');
  });

  it('defers calls made before init and runs them after the automatic page view', async () => {
    const fake = fakePlatform();
    const es = createClient({ platform: fake.platform });
    es.track('early');
    await es.init({});
    const names = (await es.exportData()).events.map((e) => e.name);
    expect(names).toEqual(['page_view', 'early']);
  });

  it('reports bad events and throwing listeners through error, never to the caller', async () => {
    const fake = fakePlatform();
    const es = createClient({ platform: fake.platform });
    const codes: string[] = [];
    es.on('error', (e: EdgesegError) => codes.push(e.code));
    es.on('segment', () => {
      throw new Error('subscriber bug');
    });
    await es.init({ bundle: '/b.json', consent: { mode: 'opt-out' } });
    expect(() => es.track('bad name with spaces')).not.toThrow();
    expect(() => es.track('ok', 'not an object' as never)).not.toThrow();
    expect(codes).toEqual(['callback_failed', 'event_invalid', 'event_invalid']);
  });

  it('refuses a nested event property with event_invalid naming it, and records nothing of that event', async () => {
    const fake = fakePlatform();
    const es = createClient({ platform: fake.platform });
    const errors: EdgesegError[] = [];
    es.on('error', (e: EdgesegError) => errors.push(e));
    await es.init({ consent: { mode: 'opt-out' } });
    es.track('add_to_cart', { value: 3, product: { id: 'A1' } } as never);
    es.track('viewed', { tags: ['a', 'b'] } as never);
    es.track('purchase', { items: [{ item_id: 'A1', price: 10 }] });
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['event_invalid', 'props.product'],
      ['event_invalid', 'props.tags'],
    ]);
    expect(errors[0]?.message).toContain('"product" is an object');
    const names = (await es.exportData()).events.map((e) => e.name);
    expect(names).toContain('purchase');
    expect(names).not.toContain('add_to_cart');
    expect(names).not.toContain('viewed');
  });

  it('suggests the key a config typo was meant to be', async () => {
    const fake = fakePlatform();
    const es = createClient({ platform: fake.platform });
    const codes: string[] = [];
    es.on('error', (e: EdgesegError) => codes.push(e.code));
    await es.init({ bundel: '/b.json' } as never);
    expect(codes).toEqual(['config_invalid']);
    await vi.waitFor(() => expect(fake.warnings.join('\n')).toContain('did you mean "bundle"?'));
  });

  it('personalize() returns the value for the segment, or the default', async () => {
    const fake = fakePlatform();
    const es = createClient({ platform: fake.platform });
    await es.init({ bundle: '/b.json', consent: { mode: 'opt-out' } });
    es.page();
    es.page();
    await Promise.resolve();
    expect(await es.personalize('cta', { reader: 'Read more', default: 'Shop now' })).toBe('Read more');
    expect(await es.personalize('cta', { shopper: 'Buy', default: 'Shop now' })).toBe('Shop now');
    const decision = await es.personalize('hero');
    expect(decision).toMatchObject({ slot: 'hero', variant: 'reader', reason: 'segment_variant' });
  });

  it('stays inert on invalid config, with one warning naming the field', async () => {
    const fake = fakePlatform();
    const es = createClient({ platform: fake.platform });
    await es.init({ storage: 'disk' } as never);
    es.page();
    await es.consent.set({ personalization: true });
    expect(fake.warnings).toHaveLength(1);
    expect(fake.warnings[0]).toContain('storage');
    expect(await databases(fake.idb)).toEqual([]);
    expect(fake.platform.fetch).not.toHaveBeenCalled();
  });
});

describe('client: two instances and destroy()', () => {
  it("a second client on the page leaves the first one's slots alone; destroy() hands them over", async () => {
    const fake = fakePlatform();
    const first = createClient({ platform: fake.platform });
    await first.init({ bundle: '/b.json', consent: { mode: 'opt-out' } });
    for (let i = 0; i < 3; i++) first.page();
    // Page views re-score in a microtask, which runs before `segment()` resolves.
    expect((await first.segment()).id).toBe('reader');
    expect(hero()).toBe('reader');
    // A second copy (script tag and npm import both on the page), still pending: without
    // ownership each would undo the other's swap forever through its MutationObserver.
    const second = createClient({ platform: fake.platform });
    await second.init({ bundle: '/b.json' });
    // Both clients idle (every write and read done); the observers run in microtasks, so
    // any tug of war would have happened by now.
    await Promise.all([first.exportData(), second.exportData()]);
    expect(hero()).toBe('reader');
    first.destroy();
    second.page();
    await second.segment();
    expect(hero()).toBe('default');
    first.track('after_destroy');
    expect((await first.exportData()).events.some((e) => e.name === 'after_destroy')).toBe(false);
  });
});

describe('client: runtime re-segmentation with hysteresis, bundle cache', () => {
  const segments = async (switchMargin: number) => {
    const fake = fakePlatform();
    const es = createClient({ platform: fake.platform });
    const seen: (string | null)[] = [];
    es.on('segment', (a) => seen.push(a.id));
    document.head.innerHTML = '<meta name="edgeseg:page-type" content="product">';
    await es.init({ bundle: '/b.json', consent: { mode: 'opt-out' }, autoPage: false, switchMargin });
    // Shopper centroid (3, 0), reader (0, 3): three products, then articles tip the balance.
    for (let i = 0; i < 3; i++) es.page({ pageType: 'product' });
    // Each page view re-scores in a microtask, which runs before `segment()` resolves.
    await es.segment();
    for (let i = 0; i < 4; i++) {
      es.page({ pageType: 'article' });
      await es.segment();
    }
    return { seen, final: await es.segment() };
  };

  it('re-scores on every profile change and emits segment only on change', async () => {
    const { seen } = await segments(0);
    expect(seen).toEqual(['visitor', 'shopper', 'reader']);
  });

  it('with a margin, a visitor half-way between two segments stays put', async () => {
    // Visitor → shopper is a clear win (0.89 lead). After 4 articles the reader is nearer
    // but leads by only 0.46 in confidence, under the 0.5 margin: the shopper is kept.
    const { seen, final } = await segments(0.5);
    expect(seen).toEqual(['visitor', 'shopper']);
    expect(final.explanation).toContain('Still "Shopper"');
  });

  it('consent.features: a feature needing a purpose not granted is imputed, and used once it is', async () => {
    const fake = fakePlatform();
    const es = createClient({ platform: fake.platform });
    document.head.innerHTML = '<meta name="edgeseg:page-type" content="product">';
    const consent = { mode: 'opt-out' as const, features: { 'session.pages.product': ['measurement' as const] } };
    await es.init({ bundle: '/b.json', consent, autoPage: false });
    await es.consent.set({ measurement: false });
    for (let i = 0; i < 3; i++) es.page({ pageType: 'product' });
    // Three product pages would make a shopper; without measurement they do not count.
    expect((await es.segment()).id).toBe('visitor');
    await es.consent.set({ measurement: true });
    expect((await es.segment()).id).toBe('shopper');
  });

  it('caches the bundle in IndexedDB once consent is granted, and uses it without a request on the next page', async () => {
    const fake = fakePlatform();
    const first = createClient({ platform: fake.platform });
    await first.init({ bundle: '/b.json' });
    expect(fake.platform.fetch).toHaveBeenCalledTimes(1);
    await first.consent.set({ personalization: true });
    const second = createClient({ platform: fake.platform });
    await second.init({ bundle: '/b.json' });
    expect(fake.platform.fetch).toHaveBeenCalledTimes(1);
    expect((await second.segment()).bundleVersion).toBe(3);
  });
});
