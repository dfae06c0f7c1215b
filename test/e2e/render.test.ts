import { mkdirSync, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { becomeReader as readerOf, edgesegReady, storageSeen, type PageErrors, rememberGrant } from './browser';
import type { TestServer } from './server';
import { useSession, recordViolations } from './session';

type Es = {
  consent: { set(c: object): Promise<void>; revoke(): Promise<void> };
  forget(): Promise<void>;
  segment(): Promise<{ id: string | null; label: string | null; source: string }>;
  personalize(slot: string, v?: object): Promise<{ variant: string; reason: string; explanation: string }>;
  segment(): Promise<{ id: string | null; label: string | null }>;
};
declare const edgeseg: Es;

const STUB = readFileSync(new URL('../../src/stub.js', import.meta.url), 'utf8').trim();
const SLOT = `<div id="hero" data-edgeseg-slot="hero" style="height:120px;overflow:hidden"><p id="d">Welcome to the shop</p><template data-edgeseg-variant="reader"><p id="r">New guides for readers</p><p>Line two</p><p>Line three</p></template><template data-edgeseg-variant="shopper"><p id="s">Deals for shoppers</p></template></div><p id="below">Below the slot</p>`;

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: PageErrors;

const session = useSession(recordViolations);
beforeEach(() => void ({ server, browser, context, errors, page } = session));

/** A page with the stub and tag; `csp` adds the header and nonces the inline scripts. */
function route(path: string, opts: { slot?: string; config?: object; csp?: string; head?: string } = {}): void {
  const nonce = opts.csp ? ' nonce="n0nce"' : '';
  const config = opts.config ? `<script${nonce}>window.edgesegConfig=${JSON.stringify(opts.config)}</script>` : '';
  const body = `<!doctype html><html><head><meta charset="utf-8">${opts.head ?? ''}${config}<script${nonce}>${STUB}</script><script async src="/edgeseg.iife.js" data-bundle="/bundles/pages.json"></script></head><body>${opts.slot ?? SLOT}</body></html>`;
  server.route(path, { body, headers: opts.csp ? { 'content-security-policy': opts.csp } : {} });
}

const becomeReader = (): Promise<void> => readerOf(page, server.url);

const text = (sel: string) => page.locator(sel).first().textContent();
const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

describe('slots in a single-page app', () => {
  it('swaps late slots, re-applies once after a framework re-render, and reverts on revoke and forget', async () => {
    await becomeReader();
    route('/spa.html', { slot: '<main id="app"></main>' });
    await page.goto(`${server.url}/spa.html`);
    await edgesegReady(page);
    // A route change renders a slot after start.
    await page.evaluate((html) => (document.getElementById('app')!.innerHTML = html), SLOT);
    await page.waitForSelector('#r');
    expect(await page.locator('#hero p').count()).toBe(3);
    // A framework re-render replaces the slot's children: edgeseg applies the variant once more...
    const rerender = () =>
      page.evaluate(() => {
        const hero = document.getElementById('hero')!;
        const p = document.createElement('p');
        p.id = 'fw';
        p.textContent = 'Framework default';
        for (const child of Array.from(hero.children)) if (child.localName !== 'template') child.remove();
        hero.prepend(p);
      });
    await rerender();
    await page.waitForSelector('#r');
    expect(await page.locator('#fw').count()).toBe(0);
    // ...but not twice: the framework wins, and nothing loops. edgeseg reacts to a mutation
    // in its observer's microtask, so whatever it does comes before the next task and frame.
    await rerender();
    const mutations = await page.evaluate(async () => {
      let n = 0;
      new MutationObserver((r) => (n += r.length)).observe(document.body, { childList: true, subtree: true });
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return n;
    });
    expect(mutations).toBe(0);
    expect(await text('#hero p')).toBe('Framework default');
    // A new slot element (the framework replaced the whole slot) is applied afresh; revoke reverts it.
    await page.evaluate((html) => (document.getElementById('app')!.innerHTML = html), SLOT);
    await page.waitForSelector('#r');
    await page.evaluate(() => edgeseg.consent.revoke());
    expect(await text('#hero p')).toBe('Welcome to the shop');
    expect((await storageSeen(page)).localStorage).toEqual(['edgeseg:consent']);
    expect(errors.list).toEqual([]);
  });
});

describe('anti-flicker and layout shift', () => {
  it('a returning visitor is decided before first paint from the cached assignment: nothing hidden, no shift', async () => {
    await becomeReader();
    expect(await page.evaluate(() => localStorage.getItem('edgeseg:last'))).toContain('"reader"');
    route('/warm.html');
    await page.goto(`${server.url}/warm.html`);
    await page.waitForSelector('#r');
    const hidden = await page.evaluate(() => document.querySelectorAll('[data-edgeseg-pending]').length);
    expect(hidden).toBe(0);
    const shifts = await page.evaluate(() => performance.getEntriesByType('layout-shift').length);
    expect(shifts).toBe(0);
  });

  it('an unchanged config is not waited for: the remembered decision is shown while the config chunk is still held; a changed config waits for it', async () => {
    await becomeReader();
    const last = JSON.parse((await page.evaluate(() => localStorage.getItem('edgeseg:last'))) ?? '[]') as unknown[];
    // The fingerprint of the config the decision was made under: version, length, hash.
    expect(last[5]).toMatch(/^[\w.-]+:\d+:[0-9a-z]+$/);
    const held: { continue(): Promise<void> }[] = [];
    await context.route('**/edgeseg.config.mjs', (r) => void held.push(r));
    const client = () =>
      page.waitForFunction(() => !Array.isArray((window as unknown as { edgeseg: unknown }).edgeseg));
    route('/same.html');
    await page.goto(`${server.url}/same.html`);
    await page.waitForSelector('#r');
    expect(held.length).toBeGreaterThan(0);
    // Another config (a longer hide limit): nothing can be decided until the validator arrives.
    route('/changed.html', { config: { hideTimeout: 400 } });
    await page.goto(`${server.url}/changed.html`);
    await client();
    expect(await page.locator('#r').count()).toBe(0);
    await context.unroute('**/edgeseg.config.mjs');
    await Promise.all(held.splice(0).map((r) => r.continue().catch(() => {})));
    await page.waitForSelector('#r');
    await edgesegReady(page);
    // The new config is validated, so it is the one remembered now.
    const next = JSON.parse((await page.evaluate(() => localStorage.getItem('edgeseg:last'))) ?? '[]') as unknown[];
    expect(next[5]).not.toBe(last[5]);
    expect(errors.list).toEqual([]);
  });

  it('the stub pre-hides variant slots for a visitor with consent until the SDK takes over, at most 300 ms; without consent nothing', async () => {
    // The SDK never arrives (404): the stub's own limit must reveal the slot. The page's
    // timers are held (with their delays) until the test fires them, so the slot is seen
    // hidden however slowly the page loads, and revealed by that timer and nothing else.
    const body = `<!doctype html><html><head><meta charset="utf-8"><script>${STUB}</script><script async src="/missing.js"></script></head><body>${SLOT}<div id="plain" data-edgeseg-slot="plain"><p>no variants</p></div></body></html>`;
    server.route('/stub-only.html', { body });
    await page.addInitScript(() => {
      if (location.pathname !== '/stub-only.html') return;
      const held: { ms: number; run: () => void }[] = [];
      (window as unknown as { __held: typeof held }).__held = held;
      window.setTimeout = ((run: () => void, ms = 0) => held.push({ ms, run })) as typeof setTimeout;
    });
    const timers = () =>
      page.evaluate(() => (window as unknown as { __held: { ms: number }[] }).__held.map((t) => t.ms));
    const fire = () =>
      page.evaluate(() =>
        (window as unknown as { __held: { run(): void }[] }).__held.splice(0).forEach((t) => t.run()),
      );
    const visibility = () =>
      page.evaluate(() => ['hero', 'plain'].map((id) => getComputedStyle(document.getElementById(id)!).visibility));
    await page.goto(`${server.url}/stub-only.html`);
    expect(await visibility()).toEqual(['visible', 'visible']);
    expect(await timers()).toEqual([]);
    await rememberGrant(page);
    await page.goto(`${server.url}/stub-only.html`);
    expect(await visibility()).toEqual(['hidden', 'visible']);
    expect(await timers()).toEqual([300]);
    await fire();
    expect(await visibility()).toEqual(['visible', 'visible']);
    // With the SDK: the pre-hidden slot is never painted with its default before the swap.
    await becomeReader();
    route('/prehide.html', { slot: `${SLOT}<div id="plain" data-edgeseg-slot="plain"><p>no variants</p></div>` });
    await page.goto(`${server.url}/prehide.html`);
    await page.waitForSelector('#r');
    expect(await visibility()).toEqual(['visible', 'visible']);
    expect(await page.evaluate(() => document.adoptedStyleSheets.every((sheet) => sheet.cssRules.length === 0))).toBe(
      true,
    );
  });

  it('the stub pre-hides for a returning opt-out visitor (a remembered decision, no consent record), never after a denial', async () => {
    // Opt-out sites keep no consent record until the visitor objects: the remembered
    // decision (`edgeseg:last`) is what says this visitor will be personalized again.
    const body = `<!doctype html><html><head><meta charset="utf-8"><script>${STUB}</script><script async src="/missing.js"></script></head><body>${SLOT}</body></html>`;
    server.route('/stub-last.html', { body });
    await page.addInitScript(() => {
      // The stub's 300 ms limit is held, so the slot is seen as the stub left it however slow the page.
      if (location.pathname === '/stub-last.html') window.setTimeout = (() => 0) as unknown as typeof setTimeout;
    });
    const visibility = () => page.evaluate(() => getComputedStyle(document.getElementById('hero')!).visibility);
    await page.goto(`${server.url}/stub-last.html`);
    expect(await visibility()).toBe('visible');
    await page.evaluate(() => localStorage.setItem('edgeseg:last', JSON.stringify({ id: 'reader' })));
    await page.goto(`${server.url}/stub-last.html`);
    expect(await visibility()).toBe('hidden');
    await page.evaluate(() =>
      localStorage.setItem(
        'edgeseg:consent',
        JSON.stringify({ v: 1, t: Date.now(), source: 'manual', purposes: { personalization: 'denied' } }),
      ),
    );
    await page.goto(`${server.url}/stub-last.html`);
    expect(await visibility()).toBe('visible');
  });

  it('CLS is 0 (Layout Instability API) when a late decision swaps a larger variant into a reserved slot, and > 0 without the reservation', async () => {
    await becomeReader();
    const cls = async (slot: string): Promise<number> => {
      await page.evaluate(() => localStorage.removeItem('edgeseg:last'));
      // The bundle is held until the default content has been painted: the decision is late.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/bundles/pages.json', async (r) => {
        await held;
        // The page may have gone (the next load) while the response was held back.
        await r.continue().catch(() => {});
      });
      route('/cls.html', { slot, config: { hideTimeout: 3000 } });
      await page.goto(`${server.url}/cls.html`);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      release();
      await page.waitForSelector('#r');
      await page.unroute('**/bundles/pages.json');
      // Two frames after the swap its layout has been painted and any shift recorded;
      // takeRecords() hands over what the observer has not delivered yet, so nothing is
      // waited for by time. CLS here is the sum of the shifts not caused by input.
      return page.evaluate(
        () =>
          new Promise<number>((resolve) =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean };
                const seen: Shift[] = [];
                const observer = new PerformanceObserver((list) => seen.push(...(list.getEntries() as Shift[])));
                observer.observe({ type: 'layout-shift', buffered: true });
                seen.push(...(observer.takeRecords() as Shift[]));
                observer.disconnect();
                resolve(seen.filter((e) => !e.hadRecentInput).reduce((sum, e) => sum + e.value, 0));
              }),
            ),
          ),
      );
    };
    expect(await cls(SLOT)).toBe(0);
    // Control: the same swap without reserved space shifts the content below (the measurement works).
    expect(await cls(SLOT.replace('height:120px;overflow:hidden', ''))).toBeGreaterThan(0);
  });
});

describe('strict CSP and Trusted Types', () => {
  for (const [name, csp] of [
    [
      'strict CSP',
      "default-src 'self'; script-src 'self' 'nonce-n0nce'; style-src 'self'; object-src 'none'; base-uri 'none'",
    ],
    ['Trusted Types', "require-trusted-types-for 'script'; trusted-types 'none'"],
  ] as const) {
    it(`${name}: swaps, overlay and widget with zero violations`, async () => {
      await becomeReader();
      // The page itself has no inline style either: the slot reserves its height from a stylesheet.
      server.route('/slot.css', { type: 'text/css', body: '#hero{height:120px;overflow:hidden}' });
      route('/csp.html', {
        csp,
        config: { transparency: true },
        slot: SLOT.replace(' style="height:120px;overflow:hidden"', ''),
        head: '<link rel="stylesheet" href="/slot.css">',
      });
      await page.goto(`${server.url}/csp.html?edgeseg_debug=1`);
      await edgesegReady(page);
      await page.waitForSelector('#r');
      await page.waitForSelector('edgeseg-debug');
      await page.waitForSelector('edgeseg-why');
      expect(await page.locator('edgeseg-debug').getByText('Feature vector').count()).toBe(1);
      expect(await violations()).toEqual([]);
      expect(errors.list).toEqual([]);
    });
  }
});

describe('preview', () => {
  it('forces a segment for this page view only: nothing stored, nothing counted; config can disable it', async () => {
    route('/p.html');
    await page.goto(`${server.url}/p.html?edgeseg_preview=shopper`);
    await edgesegReady(page);
    expect(await text('#hero p')).toBe('Deals for shoppers');
    expect(await page.evaluate(() => edgeseg.personalize('hero').then((d) => d.reason))).toBe('preview');
    expect(await storageSeen(page)).toEqual({ databases: [], localStorage: [], cookies: '' });
    await page.goto(`${server.url}/p.html`);
    await edgesegReady(page);
    expect(await text('#hero p')).toBe('Welcome to the shop');
    // Only ids the bundle has: a made-up one taints neither segment().id nor .label, and shows the default.
    await page.goto(`${server.url}/p.html?edgeseg_preview=${encodeURIComponent('"><img src=x>')}`);
    await edgesegReady(page);
    expect(await page.evaluate(() => edgeseg.segment().then((a) => [a.id, a.label]))).toEqual([null, null]);
    expect(await text('#hero p')).toBe('Welcome to the shop');
    route('/off.html', { config: { preview: false } });
    await page.goto(`${server.url}/off.html?edgeseg_preview=shopper`);
    await edgesegReady(page);
    expect(await text('#hero p')).toBe('Welcome to the shop');
  });

  it('honours only segments of the bundle: an unknown id or crafted text is ignored, with a warning', async () => {
    route('/p.html');
    const warnings: string[] = [];
    page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
    await page.goto(`${server.url}/p.html?edgeseg_preview=${encodeURIComponent('<b>You won</b>')}`);
    await edgesegReady(page);
    const segment = await page.evaluate(() => edgeseg.segment());
    expect(segment.source).not.toBe('preview');
    expect([segment.id, segment.label]).toEqual([null, null]);
    expect(await text('#hero p')).toBe('Welcome to the shop');
    expect(warnings.some((w) => w.includes('preview') && w.includes('no such segment'))).toBe(true);
    // A real segment's label comes from the bundle, never from the URL.
    await page.goto(`${server.url}/p.html?edgeseg_preview=shopper`);
    await edgesegReady(page);
    expect(await page.evaluate(() => edgeseg.segment().then((s) => [s.id, s.label]))).toEqual(['shopper', 'Shopper']);
  });
});

describe('variant scripts and inline handlers', () => {
  // Every way the variant could run code: a script, an SVG script, inline handlers (one that
  // fires by itself on a broken image), a javascript: URL with a tab in it, an iframe srcdoc.
  const HOSTILE = `<div id="hero" data-edgeseg-slot="hero"><p id="d">Welcome</p><template data-edgeseg-variant="shopper"><p id="s" onclick="window.__ran.push('onclick')">Deals</p><script>window.__ran.push('script')</script><svg><script>window.__ran.push('svg')</script></svg><img id="i" src="/none.png" onerror="window.__ran.push('onerror')"><a id="a" href="java\tscript:window.__ran.push('href')">more</a><iframe id="f" srcdoc="<script>parent.__ran.push('srcdoc')</script>"></iframe></template></div>`;
  const head = '<script>window.__ran = []</script>';

  it('are removed when a variant is shown (via ?edgeseg_preview=, also on re-application): nothing runs', async () => {
    route('/hostile.html', { slot: HOSTILE, head });
    await page.goto(`${server.url}/hostile.html?edgeseg_preview=shopper`);
    await edgesegReady(page);
    await page.waitForSelector('#s');
    await page.click('#s');
    await page.click('#a');
    // A framework re-render replaces the slot's children: edgeseg applies the variant once more.
    await page.evaluate(() => {
      const hero = document.getElementById('hero')!;
      for (const child of Array.from(hero.children)) if (child.localName !== 'template') child.remove();
      hero.prepend(Object.assign(document.createElement('p'), { id: 'fw', textContent: 'Framework' }));
    });
    await page.waitForSelector('#s');
    // The broken image has had its chance to fire: its load settled (error) either way.
    await page.waitForFunction(() => (document.getElementById('i') as HTMLImageElement).complete);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    expect(await page.evaluate(() => (window as unknown as { __ran: string[] }).__ran)).toEqual([]);
    const shown = await page.evaluate(() => ({
      scripts: document.querySelectorAll('#hero script').length,
      onclick: document.getElementById('s')!.hasAttribute('onclick'),
      onerror: document.getElementById('i')!.hasAttribute('onerror'),
      href: document.getElementById('a')!.hasAttribute('href'),
      srcdoc: document.getElementById('f')!.hasAttribute('srcdoc'),
      text: document.getElementById('s')!.textContent,
    }));
    expect(shown).toEqual({ scripts: 0, onclick: false, onerror: false, href: false, srcdoc: false, text: 'Deals' });
    // The template itself is left as the page wrote it.
    expect(
      await page.evaluate(() => document.querySelector('template')!.content.querySelectorAll('script').length),
    ).toBe(2);
    expect(errors.list).toEqual([]);
  });
});

describe('frequency caps', () => {
  it('shows a capped variant at most `session` times, then the default, and counts are kept with consent', async () => {
    await becomeReader();
    route('/cap.html', { config: { frequencyCaps: { reader: { session: 2 } } } });
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${server.url}/cap.html`);
      await edgesegReady(page);
      seen.push((await text('#hero p')) ?? '');
    }
    expect(seen).toEqual(['New guides for readers', 'New guides for readers', 'Welcome to the shop']);
    expect(await page.evaluate(() => edgeseg.personalize('hero').then((d) => d.reason))).toBe('frequency_cap');
    // A preview is never counted.
    await page.goto(`${server.url}/cap.html?edgeseg_preview=reader`);
    await edgesegReady(page);
    expect(await text('#hero p')).toBe('New guides for readers');
  });
});

describe('debug overlay', () => {
  it('shows consent, profile, features, segments, the assignment and slot decisions in a shadow root, keyboard accessible, no style leakage', async () => {
    await becomeReader();
    route('/dbg.html', {
      head: '<style>*{color:red!important;font-family:serif!important} button{background:red!important} .toggle{border:9px solid red}</style>',
    });
    await page.goto(`${server.url}/dbg.html?edgeseg_debug=1`);
    await edgesegReady(page);
    await page.waitForSelector('edgeseg-debug');
    const overlay = page.locator('edgeseg-debug');
    const body = await overlay.locator('.body').innerText();
    for (const expected of [
      'Consent',
      'personalization',
      'granted',
      'Profile',
      'Feature vector',
      'Segments',
      'reader',
      'Assignment',
      'Closest to',
      'Slots',
      'hero',
      'segment_variant',
      'Bundle',
    ]) {
      expect(body).toContain(expected);
    }
    // Page styles do not reach in; ours do not reach out.
    const toggle = overlay.locator('button.toggle');
    expect(await toggle.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(29, 53, 87)');
    // Inherited properties set on the host by the page (`* { color: red !important }`) stop at the panel box.
    expect(
      await overlay
        .locator('td')
        .first()
        .evaluate((td) => getComputedStyle(td).color),
    ).toBe('rgb(17, 17, 17)');
    expect(await page.locator('#r').evaluate((p) => getComputedStyle(p).fontFamily)).toBe('serif');
    mkdirSync('test/artifacts', { recursive: true });
    await overlay.locator('section').screenshot({ path: 'test/artifacts/overlay.png' });
    // Keyboard: focus the toggle, collapse with Enter, reopen, Escape collapses and returns focus.
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.evaluate((b) => (b.getRootNode() as ShadowRoot).activeElement === b)).toBe(true);
    expect(errors.list).toEqual([]);
  });
});

describe('transparency widget', () => {
  it('explains each slot on request and erases the visitor data', async () => {
    await becomeReader();
    route('/why.html', { config: { transparency: true } });
    await page.goto(`${server.url}/why.html`);
    await edgesegReady(page);
    const widget = page.locator('edgeseg-why');
    await widget.getByRole('button', { name: 'Why am I seeing this?' }).click();
    expect(await widget.locator('li').first().innerText()).toContain('matches "Reader"');
    await widget.getByRole('button', { name: 'Erase my data' }).click();
    await widget.getByText('Your data on this device was erased.').waitFor();
    expect(await storageSeen(page)).toEqual({ databases: [], localStorage: [], cookies: '' });
    expect(await text('#hero p')).toBe('Welcome to the shop');
    expect(await widget.locator('li').first().innerText()).toContain('Standard content');
    expect(errors.list).toEqual([]);
  });
});
