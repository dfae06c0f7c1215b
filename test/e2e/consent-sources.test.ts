/**
 * Consent gating against real consent-manager code in Chromium: IAB TCF v2.2
 * (`@iabtcf/cmpapi` + TC strings from `@iabtcf/core`), IAB GPP (`@iabgpp/cmpapi`), Klaro
 * (its real banner, clicked), Google Consent Mode v2 (gtag-style `dataLayer` pushes),
 * GPC (the navigator property), OneTrust and Cookiebot (their documented globals and
 * events). For each: nothing of ours stored before a grant (seen from the page and from
 * the browser); on a revocation our keys gone in the same task, the database deleted and
 * nothing opened or written after it; and no request but our own files and the bundle GET.
 * Every wait is for an event or an outcome, never for a length of time.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { edgesegReady, launch, storageSeen, watchErrors, type PageErrors } from './browser';
import { pageWithTag, startServer, type TestServer } from './server';
import { cmpScripts } from './cmp-bundles';
import { after, mark, readTrace, traceStorage, writes } from './storage-trace';
import { klaroServices } from '../../cli/privacy/cmp-declarations';
import { buildManifest, resolveConfig } from '../../cli/privacy/manifest';

declare const edgeseg: {
  consent: { get(): Record<string, string>; set(c: object): Promise<void>; revoke(): Promise<void> };
  on(event: 'consent', listener: (state: Record<string, string>) => void): () => void;
  track(name: string): void;
  exportData(): Promise<{
    consent: {
      record: { receipts?: { source: string; purposes: Record<string, string>; config: string | null }[] } | null;
    };
  }>;
  page(): void;
};

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: PageErrors;
/** Requests the guard stopped: anything but GETs of our pages, scripts, chunks, CMP files and the bundle. */
let blocked: string[];
let scripts: Awaited<ReturnType<typeof cmpScripts>>;
/** While set, the consent chunk's response is held back until this promise resolves. */
let chunkGate: Promise<void> | null = null;
/** Resolves when the page has asked for the consent chunk. */
let chunkAsked: () => void = () => {};

const ALLOWED =
  /^\/(t\.html|edgeseg\.iife\.js|edgeseg\.(config|shared|engine|consent|store|collect)\.mjs|bundles\/pages\.json|cmp\/[a-z]+\.(js|css))$/;
const HERO =
  '<div id="hero" data-edgeseg-slot="hero"><p>Welcome to the shop</p><template data-edgeseg-variant="reader"><p>New guides for readers</p></template></div><button id="buy" data-edgeseg-track="buy">Buy</button>';

beforeAll(async () => {
  [server, browser, scripts] = await Promise.all([startServer(), launch(), cmpScripts()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  server.reset();
  server.route('/cmp/tcf.js', { type: 'text/javascript', body: scripts.tcf });
  server.route('/cmp/gpp.js', { type: 'text/javascript', body: scripts.gpp });
  server.route('/cmp/klaro.js', { type: 'text/javascript', body: scripts.klaro });
  server.route('/cmp/klaro.css', { type: 'text/css', body: scripts.klaroCss });
  await context?.close();
  context = await browser.newContext();
  errors = await watchErrors(context);
  await traceStorage(context);
  blocked = [];
  chunkGate = null;
  chunkAsked = () => {};
  await context.route('**/*', (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const ok =
      request.method() === 'GET' && url.origin === server.url && url.search === '' && ALLOWED.test(url.pathname);
    if (ok && url.pathname === '/edgeseg.consent.mjs') chunkAsked();
    if (ok && url.pathname === '/edgeseg.consent.mjs' && chunkGate) return chunkGate.then(() => route.continue());
    if (ok) return route.continue();
    blocked.push(`${request.method()} ${request.url()}`);
    return route.abort();
  });
  page = await context.newPage();
  if (process.env['DEBUG_E2E']) page.on('console', (m) => console.log('[page]', m.text()));
});

/** Serves `/t.html`: the given head (config, consent manager) before the edgeseg tag. */
async function open(head: string, config: object): Promise<void> {
  const cfg = `<script>window.edgesegConfig=${JSON.stringify(config)}</script>`;
  server.route(
    '/t.html',
    pageWithTag('<script async src="/edgeseg.iife.js" data-bundle="/bundles/pages.json"></script>', HERO, cfg + head),
  );
  await page.goto(`${server.url}/t.html`);
  await edgesegReady(page);
}

/** Everything of ours, from the page and from the browser (cookies, storage state with IndexedDB). */
async function ours(): Promise<{ databases: string[]; localStorage: string[]; cookies: string[] }> {
  // Called once the page is idle (the grant fully landed, or nothing was granted): the two
  // views of the same storage must agree.
  const seen = await storageSeen(page);
  const state = await context.storageState({ indexedDB: true });
  const origin = state.origins.find((o) => o.origin === server.url);
  const browserKeys = (origin?.localStorage ?? [])
    .map((e) => e.name)
    .filter((k) => k.startsWith('edgeseg'))
    .sort();
  const browserDbs = (origin?.indexedDB ?? []).map((d) => d.name).filter((n) => n.startsWith('edgeseg'));
  expect(browserKeys).toEqual(seen.localStorage.filter((k) => k.startsWith('edgeseg')).sort());
  expect(browserDbs).toEqual(seen.databases.filter((n) => n.startsWith('edgeseg')));
  const cookies = (await context.cookies()).map((c) => c.name).filter((n) => n.includes('edgeseg'));
  return {
    databases: browserDbs,
    localStorage: browserKeys,
    cookies: cookies.concat(seen.cookies.includes('edgeseg') ? ['document.cookie'] : []),
  };
}

const status = (): Promise<string> => page.evaluate(() => edgeseg.consent.get().personalization);
/**
 * Waits until the edgeseg database is gone in the page's and the browser's view (a wipe is
 * asynchronous, and a consent manager may pass through several states on one change).
 */
async function databaseGone(): Promise<void> {
  await expect
    .poll(
      async () => {
        const state = await context.storageState({ indexedDB: true });
        const origin = state.origins.find((o) => o.origin === server.url);
        const browser = (origin?.indexedDB ?? []).some((d) => d.name === 'edgeseg');
        const inPage = await page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'edgeseg'));
        return browser || inPage;
      },
      { timeout: 15_000, interval: 100 },
    )
    .toBe(false);
}
const waitStatus = (s: string): Promise<unknown> =>
  page.waitForFunction((want) => edgeseg.consent.get().personalization === want, s);

/**
 * Waits until the grant has fully landed: the store (a lazy chunk) is open, the decision
 * that follows it has cached the assignment (`edgeseg:last`, written last), and every
 * write is done. A CMP grant has no promise to await, and a database listed by
 * `indexedDB.databases()` may still be opening.
 */
async function storeOpen(): Promise<void> {
  await page.waitForFunction(() =>
    edgeseg.exportData().then((d) => (d as unknown as { storage: string }).storage === 'indexeddb'),
  );
  await page.waitForFunction(() => localStorage.getItem('edgeseg:last') !== null);
  await page.evaluate(() => edgeseg.exportData());
}

/** Nothing stored while pending; the grant stores the buffered events. */
async function expectPendingThenGrant(grant: () => Promise<unknown>): Promise<void> {
  expect(await status()).toBe('pending');
  await page.click('#buy');
  expect(await ours()).toEqual({ databases: [], localStorage: [], cookies: [] });
  await grant();
  await waitStatus('granted');
  await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'edgeseg'));
  await storeOpen();
  const db = await ours();
  expect(db.databases).toEqual(['edgeseg']);
  expect(db.cookies).toEqual([]);
}

/**
 * Runs the consent manager's revocation inside the page and checks, in page order: the
 * state leaves `granted` (ending `denied`); our keys (but the consent record) are removed
 * in that same task; the database is deleted; after the revocation nothing opens the
 * database or writes a key of ours, and after the deletion no transaction writes (one
 * already under way when the revocation came, such as a store still opening, may finish
 * first: the deletion then removes what it wrote); events recorded later store nothing.
 * Then that nothing of ours but `kept` is left and the default content is back.
 */
async function expectRevoked(revokeScript: string, kept = ['edgeseg:consent']): Promise<void> {
  const removable = await page.evaluate((script) => {
    const trace = (window as unknown as { __trace: string[] }).__trace;
    const keys = Object.keys(localStorage).filter((k) => k.startsWith('edgeseg:') && k !== 'edgeseg:consent');
    // The first step away from granted wipes (a CMP may pass through pending on its way to denied).
    const off = edgeseg.on('consent', (state) => {
      if (state['personalization'] === 'granted') return;
      off();
      trace.push('revoked');
      // Marks where the task that delivered the revocation ends.
      setTimeout(() => trace.push('next task'), 0);
    });
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- test page only: runs the CMP's own revocation
    (window as unknown as { eval(s: string): unknown }).eval(script);
    return keys;
  }, revokeScript);
  // However long it takes: the outcome, not the time, is what counts.
  await page.waitForFunction(
    async () =>
      edgeseg.consent.get().personalization === 'denied' &&
      !(await indexedDB.databases()).some((d) => d.name === 'edgeseg') &&
      (window as unknown as { __trace: string[] }).__trace.includes('next task'),
  );
  // The visitor keeps browsing: nothing is recorded, nothing stored.
  await page.evaluate(async () => {
    (window as unknown as { __trace: string[] }).__trace.push('browsing');
    edgeseg.track('after_revoke');
    document.getElementById('buy')?.click();
    window.dispatchEvent(new Event('pagehide'));
    await edgeseg.exportData();
  });
  const sinceRevoke = after(await readTrace(page), 'revoked');
  const sameTask = sinceRevoke.slice(0, sinceRevoke.indexOf('next task'));
  for (const key of removable) expect(sameTask).toContain(`remove ${key}`);
  expect(sinceRevoke).toContain('delete edgeseg');
  expect(
    sinceRevoke.filter((e) => e.startsWith('open ') || (e.startsWith('set ') && e !== 'set edgeseg:consent')),
  ).toEqual([]);
  expect(writes(sinceRevoke.slice(sinceRevoke.lastIndexOf('delete edgeseg')))).toEqual([]);
  expect(writes(after(sinceRevoke, 'browsing'))).toEqual([]);
  expect(await ours()).toEqual({ databases: [], localStorage: kept, cookies: [] });
  expect(await page.locator('#hero p').first().textContent()).toBe('Welcome to the shop');
}

function expectClean(): void {
  expect(blocked).toEqual([]);
  expect(errors.list).toEqual([]);
}

describe('IAB TCF v2.2 (@iabtcf/cmpapi, TC strings from @iabtcf/core)', () => {
  const head = '<script src="/cmp/tcf.js"></script>';

  it('pending until tcloaded; purposes 1, 5, 6 grant; a choice without them revokes and wipes', async () => {
    await open(head, { consent: { sources: { tcf: {} }, version: 'policy-7' } });
    await expectPendingThenGrant(() =>
      page.evaluate(() => (window as any).tcfCmp.update((window as any).encodeTcString([1, 5, 6, 8, 9]), false)),
    );
    // The banner reopened: the earlier choice stands while it is up.
    await page.evaluate(() => (window as any).tcfCmp.update((window as any).encodeTcString([1, 5, 6, 8, 9]), true));
    expect(await status()).toBe('granted');
    await expectRevoked('tcfCmp.update(encodeTcString([1]), false)');
    const receipts = await page.evaluate(() => edgeseg.exportData().then((d) => d.consent.record?.receipts ?? []));
    expect(receipts.map((r) => [r.source, r.purposes['personalization'], r.config])).toEqual([
      ['tcf', 'granted', 'policy-7'],
      ['tcf', 'denied', 'policy-7'],
    ]);
    expectClean();
  });

  it('a TC string without purposes 5 and 6 denies from the start: nothing stored', async () => {
    await page.addInitScript(() =>
      window.addEventListener('DOMContentLoaded', () =>
        (window as any).tcfCmp.update((window as any).encodeTcString([1]), false),
      ),
    );
    await open(head, { consent: { sources: { tcf: {} } } });
    await waitStatus('denied');
    await page.evaluate(() => edgeseg.consent.set({ personalization: true }));
    expect(await status()).toBe('denied');
    expect((await ours()).databases).toEqual([]);
    expectClean();
  });

  it('gdprApplies false asks for no consent: granted', async () => {
    await open(head, { consent: { sources: { tcf: {} } } });
    await expectPendingThenGrant(() => page.evaluate(() => (window as any).tcfCmp.update(null)));
    expectClean();
  });

  it('with a vendorId, the vendor consent is needed too', async () => {
    await open(head, { consent: { sources: { tcf: { vendorId: 755 } } } });
    await page.evaluate(() => (window as any).tcfCmp.update((window as any).encodeTcString([1, 5, 6]), false));
    await waitStatus('denied');
    await page.evaluate(() => (window as any).tcfCmp.update((window as any).encodeTcString([1, 5, 6], [755]), false));
    await waitStatus('granted');
    expectClean();
  });
});

describe('IAB GPP (@iabgpp/cmpapi)', () => {
  const head = '<script src="/cmp/gpp.js"></script>';
  const usnat = (optOut: number) => ({
    usnat: {
      SaleOptOutNotice: 1,
      SharingOptOutNotice: 1,
      TargetedAdvertisingOptOutNotice: 1,
      SaleOptOut: optOut,
      SharingOptOut: optOut,
      TargetedAdvertisingOptOut: optOut,
    },
  });

  it('US national section: no opt-out grants, an opt-out revokes and wipes', async () => {
    await open(head, { consent: { sources: { gpp: {} } } });
    await expectPendingThenGrant(() => page.evaluate((f) => (window as any).gppSet([7], f), usnat(2)));
    await expectRevoked(`gppSet([7], ${JSON.stringify(usnat(1))})`);
    expectClean();
  });

  it('a state section (California) opt-out of sale denies', async () => {
    await open(head, { consent: { sources: { gpp: {} } } });
    await page.evaluate(() =>
      (window as any).gppSet([8], { usca: { SaleOptOutNotice: 1, SaleOptOut: 1, SharingOptOut: 2 } }),
    );
    await waitStatus('denied');
    expect((await ours()).databases).toEqual([]);
    expectClean();
  });

  it('the EU TCF section counts purposes 1, 5 and 6', async () => {
    await open(head, { consent: { sources: { gpp: {} } } });
    const all = Array.from({ length: 24 }, (_, i) => i < 11);
    await page.evaluate((p) => (window as any).gppSet([2], { tcfeuv2: { PurposeConsents: p } }), all);
    await waitStatus('granted');
    await expectRevoked(`gppSet([2], { tcfeuv2: { PurposeConsents: [true, false, false, false, false, false] } })`);
    expectClean();
  });
});

describe('IAB GPP: applicableSections drive the decision (@iabgpp/cmpapi)', () => {
  const head = '<script src="/cmp/gpp.js"></script>';
  const usnat = { usnat: { SaleOptOutNotice: 1, SaleOptOut: 2, SharingOptOut: 2, TargetedAdvertisingOptOut: 2 } };
  const purposes = (ids: number[]) => Array.from({ length: 24 }, (_, i) => ids.includes(i + 1));
  const gppSet = (ids: number[], fields: object) =>
    page.evaluate(([i, f]) => (window as any).gppSet(i, f), [ids, fields] as const);
  /** A first signal the adapter must grant on: proves it is attached before the case under test. */
  async function grantedByUsnat(): Promise<void> {
    await gppSet([7], usnat);
    await waitStatus('granted');
  }

  it("Canada's section with express consent refused denies; express consent to 1, 5, 6 grants", async () => {
    await open(head, { consent: { sources: { gpp: {} } } });
    await page.click('#buy');
    await gppSet([5], { tcfcav1: { PurposesExpressConsent: purposes([1]), PurposesImpliedConsent: purposes([5, 6]) } });
    await waitStatus('denied');
    // A consent manager's denial starts no record of ours.
    expect(await ours()).toEqual({ databases: [], localStorage: [], cookies: [] });
    await gppSet([5], { tcfcav1: { PurposesExpressConsent: purposes([1, 5, 6]) } });
    await waitStatus('granted');
    expectClean();
  });

  it('an applicable section missing from parsedSections, or unknown, is pending: nothing stored', async () => {
    await open(head, { consent: { sources: { gpp: {} } } });
    await grantedByUsnat();
    // Canada applies, but the CMP has no tcfcav1 section.
    await gppSet([5], {});
    await waitStatus('pending');
    // The state is pending at once; the wipe of what the grant opened lands after it.
    await databaseGone();
    expect((await ours()).databases).toEqual([]);
    await grantedByUsnat();
    // Section 1 (the deprecated EU TCF v1): not a section edgeseg reads.
    await gppSet([1], {});
    await waitStatus('pending');
    // The state is pending at once; the wipe of what the grant opened lands after it.
    await databaseGone();
    expect((await ours()).databases).toEqual([]);
    expectClean();
  });

  it('"ready" with no applicable section leaves the mode default: pending in opt-in mode', async () => {
    await open(head, { consent: { sources: { gpp: {} } } });
    await grantedByUsnat();
    await gppSet([-1], {});
    await waitStatus('pending');
    await grantedByUsnat();
    await gppSet([], {});
    await waitStatus('pending');
    // The state is pending at once; the wipe of what the grant opened lands after it.
    await databaseGone();
    expect((await ours()).databases).toEqual([]);
    expectClean();
  });

  it('gpp: { tcf: false } does not grant on the EU TCF section', async () => {
    await open(head, { consent: { sources: { gpp: { tcf: false } } } });
    await grantedByUsnat();
    await gppSet([2], { tcfeuv2: { PurposeConsents: purposes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) } });
    await waitStatus('pending');
    // The state is pending at once; the wipe of what the grant opened lands after it.
    await databaseGone();
    expect((await ours()).databases).toEqual([]);
    expectClean();
  });
});

describe('Klaro (its real banner)', () => {
  // The services entry `edgeseg privacy declarations --cmp klaro` prints, loaded into real Klaro.
  const siteConfig = resolveConfig({ consent: { sources: { klaro: {} } } });
  const klaroConfig = {
    storageMethod: 'localStorage',
    acceptAll: true,
    storageName: 'klaro',
    services: klaroServices(buildManifest(siteConfig), siteConfig),
  };
  const head = `<link rel="stylesheet" href="/cmp/klaro.css"><script>window.klaroConfig=${JSON.stringify(klaroConfig)}</script><script defer src="/cmp/klaro.js"></script>`;

  it('clicking accept grants; withdrawing in Klaro wipes', async () => {
    await open(head, { consent: { sources: { klaro: {} } } });
    await page.waitForSelector('.cookie-notice .cm-btn-success');
    await expectPendingThenGrant(() => page.click('.cookie-notice .cm-btn-success'));
    await expectRevoked(
      "(() => { const m = klaro.getManager(); m.updateConsent('edgeseg', false); m.saveAndApplyConsents(); })()",
    );
    expectClean();
  });

  it('clicking decline denies: nothing of ours stored', async () => {
    await open(head, { consent: { sources: { klaro: {} } } });
    await page.waitForSelector('.cookie-notice .cn-decline');
    await page.click('#buy');
    await page.click('.cookie-notice .cn-decline');
    await waitStatus('denied');
    // Not even a receipt: a consent manager's denial starts no record of ours (the manager keeps its own).
    expect(await ours()).toEqual({ databases: [], localStorage: [], cookies: [] });
    expectClean();
  });
});

describe('Google Consent Mode v2 (gtag-style dataLayer pushes)', () => {
  const gtag = (defaults: object) =>
    `<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('consent','default',${JSON.stringify(defaults)});</script>`;

  it('default denied; an update grants; an update denying revokes and wipes (auto-detected)', async () => {
    await open(gtag({ personalization_storage: 'denied', analytics_storage: 'denied' }), { consent: { receipts: 0 } });
    await waitStatus('denied');
    await page.click('#buy');
    expect(await ours()).toEqual({ databases: [], localStorage: [], cookies: [] });
    await page.evaluate(() =>
      (window as any).gtag('consent', 'update', { personalization_storage: 'granted', analytics_storage: 'granted' }),
    );
    await waitStatus('granted');
    await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'edgeseg'));
    await storeOpen();
    // With `receipts: 0` not even a receipt is kept.
    await expectRevoked("gtag('consent', 'update', { personalization_storage: 'denied' })", []);
    expectClean();
  });

  it('wait_for_update keeps consent pending until the update, then follows it', async () => {
    await open(gtag({ personalization_storage: 'granted', analytics_storage: 'denied', wait_for_update: 60_000 }), {
      consent: { sources: { consentMode: {} } },
    });
    await expectPendingThenGrant(() =>
      page.evaluate(() => (window as any).gtag('consent', 'update', { ad_storage: 'denied' })),
    );
    expect(await page.evaluate(() => edgeseg.consent.get().measurement)).toBe('denied');
    await expectRevoked("gtag('consent', 'update', { personalization_storage: 'denied' })");
    expectClean();
  });
});

describe('Global Privacy Control', () => {
  beforeEach(async () => {
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }),
    );
  });

  it('is an opt-out by default: denied, a manual grant cannot override it, nothing stored', async () => {
    await open('', { consent: { mode: 'opt-out' } });
    await waitStatus('denied');
    await page.click('#buy');
    await page.evaluate(() => edgeseg.consent.set({ personalization: true }));
    expect(await status()).toBe('denied');
    const stored = await ours();
    expect(stored.databases).toEqual([]);
    expect(stored.cookies).toEqual([]);
    expectClean();
  });

  it('gpc: "ignore" leaves the choice to the visitor', async () => {
    await open('', { consent: { gpc: 'ignore' } });
    await expectPendingThenGrant(() => page.evaluate(() => edgeseg.consent.set({ personalization: true })));
    expectClean();
  });
});

describe('OneTrust (OptanonActiveGroups, OneTrustGroupsUpdated)', () => {
  const head =
    "<script>window.OptanonActiveGroups=',C0001,';window.OneTrust={closed:false,IsAlertBoxClosed(){return this.closed}};</script>";
  const choose = (groups: string) =>
    `OneTrust.closed=true;OptanonActiveGroups=${JSON.stringify(groups)};window.dispatchEvent(new CustomEvent('OneTrustGroupsUpdated',{detail:${JSON.stringify(groups.split(',').filter(Boolean))}}))`;

  it('mapped category ids grant; losing one revokes and wipes', async () => {
    await open(head, { consent: { sources: { onetrust: { personalization: ['C0003', 'C0004'] } } } });
    await expectPendingThenGrant(() => page.evaluate(choose(',C0001,C0003,C0004,')));
    await expectRevoked(choose(',C0001,C0003,'));
    expectClean();
  });
});

describe('Cookiebot (Cookiebot.consent and its events)', () => {
  const head =
    '<script>window.Cookiebot={hasResponse:false,consent:{necessary:true,preferences:false,statistics:false,marketing:false}};</script>';
  const answer = (preferences: boolean, event: string) =>
    `Cookiebot.hasResponse=true;Cookiebot.consent.preferences=${preferences};window.dispatchEvent(new Event('${event}'))`;

  it('OnAccept with preferences grants; OnDecline revokes and wipes', async () => {
    await open(head, {});
    await expectPendingThenGrant(() => page.evaluate(answer(true, 'CookiebotOnAccept')));
    await expectRevoked(answer(false, 'CookiebotOnDecline'));
    expectClean();
  });
});

describe('a consent manager that appears late and whose API throws', () => {
  /** The page's `__tcfapi` (or Klaro's manager) appears after edgeseg started, and throws when used. */
  const late = (global: string) => `<script>
window.__calls = 0; window.__errors = [];
(window.edgeseg = window.edgeseg || []).push(['on', ['error', function (e) { window.__errors.push(e.code); }]]);
window.__appear = function () { ${global} };
</script>`;
  const cases: [string, object, string][] = [
    ['tcf', { tcf: {} }, "window.__tcfapi = function () { window.__calls++; throw new Error('CMP broke'); };"],
    [
      'klaro',
      { klaro: {} },
      "window.klaro = { getManager: function () { return { confirmed: true, consents: {}, watch: function () { window.__calls++; throw new Error('CMP broke'); }, unwatch: function () {} }; } };",
    ],
  ];

  it.each(cases)(
    '%s: no uncaught error, the poll stops, one consent_source_failed, and it counts as a denial',
    async (_, sources, global) => {
      // A fake clock runs fifty poll periods in no time; memory storage keeps the denial's
      // wipe (whose IndexedDB step has a timeout) out of the fake clock's way.
      await page.clock.install();
      await open(late(global), { consent: { sources }, storage: 'memory' });
      // Several poll periods pass with nothing there: still pending.
      await page.clock.runFor(550);
      expect(await status()).toBe('pending');
      await page.evaluate(() => (window as any).__appear());
      // Time enough for fifty more polls.
      await page.clock.runFor(5_000);
      await waitStatus('denied');
      expect(await page.evaluate(() => (window as any).__calls)).toBe(1);
      expect(await page.evaluate(() => (window as any).__errors)).toEqual(['consent_source_failed']);
      expectClean();
    },
  );
});

describe('a polluted Object.prototype (non-enumerable, as a prototype-pollution bug in the page leaves it)', () => {
  const pollute = (entries: Record<string, unknown>) =>
    `<script>${Object.entries(entries)
      .map(
        ([k, v]) =>
          `Object.defineProperty(Object.prototype,${JSON.stringify(k)},{value:${JSON.stringify(v)},configurable:true,writable:true});`,
      )
      .join('')}</script>`;

  it('Consent Mode: personalization_storage polluted to "granted" is not a grant', async () => {
    const gtag =
      "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('consent','default',{ad_storage:'denied'});</script>";
    await open(pollute({ personalization_storage: 'granted' }) + gtag, { consent: { sources: { consentMode: {} } } });
    await page.evaluate(() => (window as any).gtag('consent', 'update', { analytics_storage: 'granted' }));
    // The adapter has read the update (measurement follows it); personalization was never set.
    await page.waitForFunction(() => edgeseg.consent.get().measurement === 'granted');
    expect(await status()).toBe('pending');
    await page.click('#buy');
    // Only the receipt of the measurement grant: no profile database.
    expect(await ours()).toEqual({ databases: [], localStorage: ['edgeseg:consent'], cookies: [] });
    expectClean();
  });

  it('a bundle URL polluted into Object.prototype is never requested (no data-bundle, edgesegConfig without one)', async () => {
    server.route(
      '/t.html',
      pageWithTag(
        '<script async src="/edgeseg.iife.js" data-consent-mode="opt-out"></script>',
        HERO,
        pollute({ bundle: '/evil.json' }) + '<script>window.edgesegConfig = { debug: false };</script>',
      ),
    );
    await page.goto(`${server.url}/t.html`);
    await edgesegReady(page);
    expect(await page.evaluate(() => edgeseg.consent.get().personalization)).toBe('granted');
    expect(server.requests.map((r) => r.path)).not.toContain('/evil.json');
    expectClean();
  });
});

describe('config errors in consent.sources', () => {
  it('name the path and reason; consent stays pending and nothing is stored', async () => {
    const seen: string[] = [];
    page.on('console', (m) => seen.push(m.text()));
    await open('', { consent: { sources: { onetrust: { personalization: 'C0003' } } } });
    await page.evaluate(() => edgeseg.consent.set({ personalization: true }));
    expect(await status()).toBe('pending');
    // The warning is a console event, delivered to the test asynchronously: wait for it.
    await expect.poll(() => seen.join('\n')).toContain('consent.sources.onetrust.personalization');
    expect((await ours()).databases).toEqual([]);
    expectClean();
  });
});

describe('the consent chunk', () => {
  it('is not loaded when no source is configured or detected', async () => {
    await open('', {});
    await page.evaluate(() => edgeseg.consent.set({ personalization: true }));
    expect(server.requests.map((r) => r.path)).not.toContain('/edgeseg.consent.mjs');
    expectClean();
  });

  it('while it loads, consent is pending even in opt-out mode: nothing stored until it has arrived', async () => {
    // The chunk's response is held until the test releases it: whatever the machine's
    // speed, everything below happens while it loads.
    let release: () => void = () => {};
    chunkGate = new Promise((resolve) => (release = resolve));
    const asked = new Promise<void>((resolve) => (chunkAsked = resolve));
    const head =
      '<script>window.Cookiebot={hasResponse:true,consent:{necessary:true,preferences:true,statistics:true,marketing:false}};</script>';
    server.route(
      '/t.html',
      pageWithTag(
        '<script async src="/edgeseg.iife.js" data-bundle="/bundles/pages.json"></script>',
        HERO,
        `<script>window.edgesegConfig={consent:{mode:'opt-out'}}</script>${head}`,
      ),
    );
    await page.goto(`${server.url}/t.html`);
    await page.waitForFunction(() => !Array.isArray((window as unknown as { edgeseg: unknown }).edgeseg));
    await asked;
    expect(await status()).toBe('pending');
    await page.click('#buy');
    expect(await ours()).toEqual({ databases: [], localStorage: [], cookies: [] });
    expect(writes(await readTrace(page))).toEqual([]);
    expect(server.requests.map((r) => r.path)).not.toContain('/edgeseg.consent.mjs');
    await mark(page, 'released');
    release();
    await waitStatus('granted');
    expect(server.requests.map((r) => r.path)).toContain('/edgeseg.consent.mjs');
    // Only now, after the chunk and its grant, is anything stored (with the click buffered meanwhile).
    await storeOpen();
    const trace = await readTrace(page);
    expect(writes(trace.slice(0, trace.indexOf('released')))).toEqual([]);
    expect(after(trace, 'released')).toContain('open edgeseg');
    expect(
      await page.evaluate(() =>
        edgeseg.exportData().then((d) => (d as unknown as { events: { name: string }[] }).events.map((e) => e.name)),
      ),
    ).toContain('buy');
    expectClean();
  });
});
