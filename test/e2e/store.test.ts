import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { edgesegReady, storageSeen, type PageErrors, rememberGrant } from './browser';
import { pageWithTag, type TestServer } from './server';
import { useSession } from './session';
import { after, mark, readTrace, traceStorage, writes } from './storage-trace';

type Ev = { id: string; name: string; props: Record<string, unknown> };
type Es = {
  consent: { set(c: object): Promise<void>; revoke(): Promise<void>; get(): { personalization: string } };
  track(name: string, props?: object): void;
  segment(): Promise<{ id: string | null }>;
  exportData(): Promise<{
    profile: { events: number; tracks: Record<string, number> } | null;
    events: Ev[];
    records: Record<string, unknown>;
    storage: string;
    consent: { record: unknown };
  }>;
  forget(): Promise<void>;
};
declare const edgeseg: Es;
declare const __errors: string[];

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let errors: PageErrors;

/** A page that records `error` codes in `window.__errors` from the first moment. */
function storePage(config: object): void {
  const tag = `<script>window.__errors=[];window.edgesegConfig=${JSON.stringify(config)};edgeseg.on('error',function(e){__errors.push(e.code)});</script><script async src="/edgeseg.iife.js" data-bundle="/bundles/pages.json"></script>`;
  server.route(
    '/store.html',
    pageWithTag(
      tag,
      '<div data-edgeseg-slot="hero"><p>default</p><template data-edgeseg-variant="reader"><p>reader</p></template></div>',
      '<meta name="edgeseg:page-type" content="article">',
    ),
  );
  server.route('/other.html', pageWithTag('', '<p>elsewhere</p>'));
}

async function open(path = '/store.html'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url + path);
  await edgesegReady(page);
  return page;
}

const grant = (page: Page) => page.evaluate(() => edgeseg.consent.set({ personalization: true }));
const flush = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
const exported = (page: Page) => page.evaluate(() => edgeseg.exportData());

const session = useSession(traceStorage);
beforeEach(() => void ({ server, browser, context, errors } = session));

describe('storage in real Chromium', () => {
  it('a revoke or forget() in one tab stops the others: they follow the choice and never write the database again', async () => {
    storePage({});
    const a = await open();
    await grant(a);
    const b = await open();
    expect(await b.evaluate(() => edgeseg.consent.get().personalization)).toBe('granted');
    await a.evaluate(() => edgeseg.consent.revoke());
    await b.waitForFunction(() => edgeseg.consent.get().personalization === 'denied');
    // Tab B keeps being used: nothing of ours comes back. exportData() resolves once every
    // write B has started is done, so B's trace after the mark is complete.
    await mark(b, 'denied');
    await b.evaluate(() => edgeseg.track('after_revoke'));
    await flush(b);
    await exported(b);
    expect(writes(after(await readTrace(b), 'denied'))).toEqual([]);
    expect((await storageSeen(b)).databases).toEqual([]);
    expect(await b.locator('[data-edgeseg-slot] p').first().textContent()).toBe('default');

    // forget() in A (the record itself goes): B is back to the default, pending, and stores nothing.
    await a.evaluate(() => edgeseg.consent.set({ personalization: true }));
    await b.waitForFunction(() => edgeseg.consent.get().personalization === 'granted');
    await b.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'edgeseg'));
    await a.evaluate(() => edgeseg.forget());
    await b.waitForFunction(() => edgeseg.consent.get().personalization === 'pending');
    await mark(b, 'pending');
    await b.evaluate(() => edgeseg.track('after_forget'));
    await flush(b);
    await exported(b);
    await b.waitForFunction(async () => !(await indexedDB.databases()).some((d) => d.name === 'edgeseg'));
    expect(writes(after(await readTrace(b), 'pending'))).toEqual([]);
    const seen = await storageSeen(b);
    expect(seen.databases).toEqual([]);
    expect(seen.localStorage.filter((k) => k.startsWith('edgeseg'))).toEqual([]);
    expect(errors.list).toEqual([]);
  });

  it('two tabs writing at once lose no event: every id of both tabs is stored and the profile counts both', async () => {
    storePage({ retention: { maxEvents: 5000 } });
    const a = await open();
    await grant(a);
    const b = await open();
    const burst = (page: Page, name: string) =>
      page.evaluate(async (name) => {
        // 20 rounds of 50 events, each written by the batch timer (a read-fold-write
        // transaction), the two tabs' transactions interleaving for the whole run; every
        // fifth round goes through the pagehide path (blind append to the inbox, folded by
        // whichever tab writes next).
        for (let r = 0; r < 20; r++) {
          for (let i = 0; i < 50; i++) edgeseg.track(name, { i: r * 50 + i });
          if (r % 5 === 4) window.dispatchEvent(new Event('pagehide'));
          // About one batch delay between rounds, so the tabs' transactions interleave. The
          // outcome must hold for every interleaving: no result here depends on the timing.
          await new Promise((resolve) => setTimeout(resolve, 240 + Math.random() * 40));
        }
        const data = await edgeseg.exportData();
        return data.events.filter((e) => e.name === name).map((e) => e.id);
      }, name);
    const [idsA, idsB] = await Promise.all([burst(a, 'tab_a'), burst(b, 'tab_b')]);
    expect(new Set(idsA).size).toBe(1000);
    expect(new Set(idsB).size).toBe(1000);

    const c = await open();
    await flush(c);
    const data = await exported(c);
    const stored = new Set(data.events.map((e) => e.id));
    expect(stored.size).toBe(data.events.length); // no duplicates
    for (const id of [...idsA, ...idsB]) expect(stored.has(id)).toBe(true);
    expect(data.profile?.tracks['tab_a']).toBe(1000);
    expect(data.profile?.tracks['tab_b']).toBe(1000);
    // Every stored event (3 page views + 2000 tracks) was folded exactly once.
    expect(data.profile?.events).toBe(data.events.length);
    expect(data.storage).toBe('indexeddb');
    for (const p of [a, b, c]) expect(await p.evaluate(() => __errors)).toEqual([]);
    expect(errors.list).toEqual([]);
  });

  it('pagehide flushes what the batch timer has not written yet', async () => {
    storePage({});
    const page = await open();
    await grant(page);
    await page.evaluate(() => {
      for (let i = 0; i < 5; i++) edgeseg.track('before_leaving', { i });
    });
    await page.goto(`${server.url}/other.html`); // before the 250 ms batch timer
    await page.goto(`${server.url}/store.html`);
    await edgesegReady(page);
    const data = await exported(page);
    expect(data.events.filter((e) => e.name === 'before_leaving')).toHaveLength(5);
    expect(data.profile?.tracks['before_leaving']).toBe(5);
  });

  it('exportData returns everything stored; forget() leaves no database and no key of ours', async () => {
    storePage({});
    const page = await open();
    await grant(page);
    await page.evaluate(() => edgeseg.track('x'));
    await flush(page);
    const data = await exported(page);
    // The load's page view came before the grant: not kept (`consent.keepPending` is off by default).
    expect(data.events.map((e) => e.name)).toEqual(['x']);
    expect(data.profile?.events).toBe(1);
    expect(data.records['bundle']).toMatchObject({ version: expect.any(Number) });
    expect(data.consent.record).not.toBeNull();
    await page.evaluate(() => edgeseg.forget());
    expect(await storageSeen(page)).toEqual({ databases: [], localStorage: [], cookies: '' });
  });
});

describe('storage failures in real Chromium (fault injection)', () => {
  it('QuotaExceededError that compaction cannot cure: storage_degraded, memory carries on, the page keeps working', async () => {
    await context.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if ((window as unknown as { __quota?: boolean }).__quota)
          throw new DOMException('Quota exceeded', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    storePage({});
    const page = await open();
    await grant(page);
    await page.evaluate(() => {
      (window as unknown as { __quota: boolean }).__quota = true;
      edgeseg.track('when_full');
      window.dispatchEvent(new Event('pagehide'));
    });
    const data = await exported(page);
    expect(await page.evaluate(() => __errors)).toEqual(['storage_degraded']);
    expect(data.storage).toBe('memory');
    expect(data.profile?.tracks['when_full']).toBe(1);
    await page.evaluate(() => edgeseg.track('still_working'));
    await flush(page);
    expect((await exported(page)).profile?.tracks['still_working']).toBe(1);
    expect(await page.evaluate(() => edgeseg.segment().then((s) => s.id))).toEqual(expect.any(String));
    expect(errors.list).toEqual([]);
  });

  it('an open that never settles: storage_unavailable after storageTimeout, the page personalizes from memory', async () => {
    await context.addInitScript(() => {
      // An open request that never fires any event (a hung browser storage backend).
      indexedDB.open = () => new EventTarget() as IDBOpenDBRequest;
    });
    storePage({ storageTimeout: 200 });
    const page = await context.newPage();
    await page.goto(`${server.url}/store.html`);
    await rememberGrant(page);
    await page.reload();
    // The page is decided however long the open hangs; storage_unavailable follows the timeout.
    await edgesegReady(page);
    await page.waitForFunction(() => __errors.length > 0);
    expect(await page.evaluate(() => __errors)).toEqual(['storage_unavailable']);
    const data = await exported(page);
    expect(data.storage).toBe('memory');
    expect(await page.locator('[data-edgeseg-slot] p').first().textContent()).toMatch(/default|reader/);
    expect(errors.list).toEqual([]);
  });

  it('connection lost mid-session (site data cleared by the browser): reopened, later events stored', async () => {
    storePage({});
    const page = await open();
    await grant(page);
    await page.evaluate(() => edgeseg.track('before_clear'));
    await flush(page);
    await exported(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: server.url, storageTypes: 'indexeddb' });
    await page.evaluate(() => edgeseg.track('after_clear'));
    await flush(page);
    const data = await exported(page);
    expect(data.storage).toBe('indexeddb');
    expect(data.events.map((e) => e.name)).toContain('after_clear');
    expect(await page.evaluate(() => __errors)).toEqual([]);
    // Really in IndexedDB: a fresh page sees it.
    const again = await open();
    expect((await exported(again)).events.map((e) => e.name)).toContain('after_clear');
  });
});
