import { beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright';
import { edgesegReady, storageSeen, type PageErrors } from './browser';
import { pageWithTag, type TestServer } from './server';
import { useSession } from './session';

// Consent followed everywhere on an origin: other tabs, and another client in the same
// document (a script tag beside an npm import), also when a consent manager has granted.
type Es = {
  consent: { set(c: object): Promise<void>; revoke(): Promise<void>; get(): { personalization: string } };
  track(name: string, props?: object): void;
  exportData(): Promise<{ profile: { pages: number } | null; events: { name: string }[] }>;
  forget(): Promise<void>;
  ready: Promise<void>;
};
declare const edgeseg: Es;
declare const npmClient: Es;

let server: TestServer;
let context: BrowserContext;
let errors: PageErrors;
const session = useSession();
beforeEach(() => void ({ server, context, errors } = session));

const SLOT =
  '<div data-edgeseg-slot="hero"><p>default</p><template data-edgeseg-variant="reader"><p>reader</p></template></div>';
/** Cookiebot as a consent manager that has granted (its answer is stored from an earlier visit). */
const COOKIEBOT =
  '<script>window.Cookiebot={hasResponse:true,consent:{preferences:true,statistics:true}};window.edgesegConfig={consent:{sources:{cookiebot:{}}}};</script>';
const TAG = '<script async src="/edgeseg.iife.js" data-bundle="/bundles/pages.json"></script>';

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url + path);
  await edgesegReady(page);
  return page;
}
const databases = async (page: Page) => (await storageSeen(page)).databases;
/** Waits until the page has written its events (pagehide flushes) and the database exists. */
const written = (page: Page) =>
  page.waitForFunction(async () => {
    window.dispatchEvent(new Event('pagehide'));
    return (await indexedDB.databases()).some((d) => d.name === 'edgeseg');
  });

describe('tabs with a consent manager that granted', () => {
  beforeEach(() => server.route('/cmp.html', pageWithTag(`${COOKIEBOT}${TAG}`, SLOT)));

  it('a revoke in one tab stops the other, although the manager still grants: no database comes back', async () => {
    const a = await open('/cmp.html');
    const b = await open('/cmp.html');
    await b.waitForFunction(() => edgeseg.consent.get().personalization === 'granted');
    await written(b);
    await a.evaluate(() => edgeseg.consent.revoke());
    await b.waitForFunction(() => edgeseg.consent.get().personalization === 'denied');
    // B is used on: the remembered denial keeps counting against the manager's grant.
    await b.evaluate(() => edgeseg.track('after_revoke'));
    await b.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    expect(await databases(b)).toEqual([]);
    // A new page of the site: still denied.
    const c = await open('/cmp.html');
    expect(await c.evaluate(() => edgeseg.consent.get().personalization)).toBe('denied');
    expect(await databases(c)).toEqual([]);
    expect(errors.list).toEqual([]);
  });

  it('forget() in one tab: the other drops what it held and starts afresh, never writing the erased events back', async () => {
    const a = await open('/cmp.html');
    const b = await open('/cmp.html');
    await b.evaluate(() => edgeseg.track('before_forget'));
    await written(b);
    await a.evaluate(() => edgeseg.forget());
    await b.waitForFunction(async () => !(await edgeseg.exportData()).events.some((e) => e.name === 'before_forget'));
    await b.evaluate(() => edgeseg.track('after_forget'));
    await written(b);
    const names = (await b.evaluate(() => edgeseg.exportData())).events.map((e) => e.name);
    expect(names).toEqual(['after_forget']);
    expect(errors.list).toEqual([]);
  });
});

describe('a script tag and an npm client in one document', () => {
  beforeEach(() => {
    const npm = `<script type="module">import { createClient } from '/edgeseg.mjs'; const c = createClient(); window.npmClient = c; c.init({ bundle: '/bundles/pages.json' });</script>`;
    server.route('/two.html', pageWithTag(`${TAG}${npm}`, SLOT, '<meta name="edgeseg:page-type" content="article">'));
  });
  const both = (page: Page) =>
    page
      .waitForFunction(() => typeof (window as { npmClient?: unknown }).npmClient === 'object')
      .then(() => page.evaluate(() => Promise.all([edgeseg.ready, npmClient.ready])));

  it('a revoke through one stops the other at once, and a load counts one page view', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/two.html`);
    await both(page);
    await page.evaluate(() => edgeseg.consent.set({ personalization: true }));
    await page.waitForFunction(() => npmClient.consent.get().personalization === 'granted');
    await page.reload();
    await both(page);
    await written(page);
    const views = await page.evaluate(async () => {
      const count = async (es: Es) => (await es.exportData()).events.filter((e) => e.name === 'page_view').length;
      return [await count(edgeseg), await count(npmClient)];
    });
    // Two loads, each page view recorded once although two clients run; the first load's came
    // before the grant and is not kept (`consent.keepPending` is off): one stored.
    expect(views).toEqual([1, 1]);
    await page.evaluate(() => npmClient.consent.revoke());
    await page.waitForFunction(() => edgeseg.consent.get().personalization === 'denied');
    await page.evaluate(() => edgeseg.track('after_revoke'));
    await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    expect(await databases(page)).toEqual([]);
    expect(errors.list).toEqual([]);
  });
});
