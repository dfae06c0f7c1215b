import pagesBundle from '../../test/fixtures/bundles/pages.json';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { testClient } from '../../test/helpers/client';
import { fakePlatform } from '../../test/helpers/fake-platform';
import { readableExport } from './readable-export';

beforeEach(() => {
  document.head.innerHTML = '<meta name="edgeseg:page-type" content="article">';
  document.body.innerHTML = '<div data-edgeseg-slot="hero"><p>default</p></div>';
});

/** A real export: a client on the fake platform, consent granted, a few pages, a purchase and a trait. */
async function realExport() {
  const fake = fakePlatform();
  fake.platform.fetch = vi.fn(
    async () => new Response(JSON.stringify(pagesBundle), { status: 200 }),
  ) as unknown as typeof fetch;
  const es = testClient({ platform: fake.platform });
  await es.init({ bundle: '/b.json' });
  await es.consent.set({ personalization: true });
  for (let i = 0; i < 3; i++) {
    fake.clock.t += 20_082;
    es.page();
  }
  es.track('purchase', { value: 20.081999999999997, currency: 'EUR' });
  es.track('newsletter_signup');
  es.identify({ tier: 'gold' });
  window.dispatchEvent(new Event('pagehide'));
  return es.exportData();
}

describe('readableExport', () => {
  it('says in words what is kept, rounded for people, with the consent history and the model by version', async () => {
    const data = await realExport();
    const text = readableExport(data);
    expect(text).toContain('YOUR SEGMENT');
    // The load's page view came before the grant and is not kept (consent.keepPending is off).
    expect(text).toMatch(/- 3 page views in 1 visit, from /);
    expect(text).toContain('"newsletter_signup" events');
    expect(text).toContain('- 1 purchase, 20.08 EUR in total.');
    expect(text).toContain('tier = gold');
    expect(text).toContain('Now: personalization granted, measurement pending.');
    expect(text).toContain('(your choice on this site)');
    expect(text).toContain(`model version ${pagesBundle.version}`);
    // No raw float, no model copied: the text is for people.
    expect(text).not.toMatch(/\d\.\d{4,}/);
    expect(text).not.toContain('centroids');
  });

  it('while consent is pending: no segment, and what is held in memory', async () => {
    const es = testClient({ platform: fakePlatform().platform });
    await es.init({});
    const text = readableExport(await es.exportData());
    expect(text).toContain('YOUR SEGMENT\nNone. Waiting for consent to personalize.');
    expect(text).toContain('- 1 page view in 1 visit');
    expect(text).toContain('No model was in use.');
  });
});
