/**
 * What edgeseg leaves on `window`: exactly `edgeseg`. The build mangles `_`-prefixed
 * property names; third-party code in our chunks (zod's `__zod_globalConfig`, tfjs's
 * `_tfengine` and `_tfGlobals`) used such names for globals, which became `window.l`,
 * `window.t` and the like, and a page element with `id="t"` (a named window property)
 * then broke the tfjs chunk. Checked in Chromium against the same page without edgeseg.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import type { PageErrors } from './browser';
import type { TestServer } from './server';
import { useSession } from './session';

type Es = { ready: Promise<void>; segment(): Promise<{ id: string | null; propensities?: Record<string, number> }> };
declare const edgeseg: Es;

const STUB = readFileSync(new URL('../../src/stub.js', import.meta.url), 'utf8').trim();
/** Elements whose ids are the short names the mangler used to give our globals. */
const NAMED = ['t', 'l', 'u', 'o', 'e', 'n', 'r', 'i', 's', 'a', 'c']
  .map((id) => `<div id="${id}">${id}</div>`)
  .join('');
const SLOT =
  '<div id="hero" data-edgeseg-slot="hero"><p>Welcome</p><template data-edgeseg-variant="ready-to-buy"><p>Checkout now</p></template></div>';

let server: TestServer;
let page: Page;
let errors: PageErrors;
const session = useSession();
beforeEach(() => void ({ server, page, errors } = session));

/** A product page; with `tag`, the stub and the edgeseg tag (opt-out, IndexedDB: every chunk of a first visit). */
function route(path: string, bundle: string, tag: boolean, body = SLOT): void {
  const head = tag
    ? `<script>${STUB}</script><script async src="/edgeseg.iife.js" data-bundle="${bundle}" data-consent-mode="opt-out"></script>`
    : '';
  server.route(path, {
    body: `<!doctype html><html><head><meta charset="utf-8"><meta name="edgeseg:page-type" content="product">${head}</head><body>${body}</body></html>`,
  });
}

/** Own property names of `window` (named element access is not an own property, so ids do not count). */
const globals = (): Promise<string[]> => page.evaluate(() => Object.getOwnPropertyNames(window).sort());

/** Waits for the client, its first decision, and the store chunk's database (all chunks in). */
async function loaded(): Promise<void> {
  await page.waitForFunction(() => !Array.isArray((window as unknown as { edgeseg: unknown }).edgeseg));
  await page.evaluate(() => edgeseg.ready);
  await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'edgeseg'));
  await page.evaluate(() => edgeseg.segment());
}

async function added(bundle: string, body?: string): Promise<{ names: string[]; chunks: string[] }> {
  route('/plain.html', bundle, false, body);
  route('/tagged.html', bundle, true, body);
  await page.goto(`${server.url}/plain.html`);
  const before = new Set(await globals());
  await page.goto(`${server.url}/tagged.html`);
  await loaded();
  const names = (await globals()).filter((name) => !before.has(name));
  const chunks = server.requests.map((r) => r.path).filter((p) => p.endsWith('.mjs'));
  return { names, chunks };
}

describe('window globals', () => {
  it('after core, engine, collect and store load: only edgeseg', async () => {
    const { names, chunks } = await added('/bundles/pages.json');
    expect(chunks).toEqual(
      expect.arrayContaining(['/edgeseg.engine.mjs', '/edgeseg.collect.mjs', '/edgeseg.store.mjs']),
    );
    expect(names).toEqual(['edgeseg']);
    expect(errors.list).toEqual([]);
  });

  it('after the tfjs chunk runs a network: still only edgeseg', async () => {
    const { names, chunks } = await added('/bundles/tfjs.json');
    expect(chunks).toContain('/edgeseg.tfjs.mjs');
    expect(names).toEqual(['edgeseg']);
    expect(errors.list).toEqual([]);
  });

  it('page elements with short ids (id="t", "l", ...) do not break the chunks', async () => {
    await added('/bundles/tfjs.json', NAMED + SLOT);
    const a = await page.evaluate(() => edgeseg.segment());
    // One product page: relu(1) = 1, sigmoid(4 · 1 − 1) = 0.9526 ≥ 0.9: the rule's segment.
    expect(a.propensities?.['purchase']).toBeCloseTo(1 / (1 + Math.exp(-3)), 4);
    expect(a.id).toBe('ready-to-buy');
    expect(await page.locator('#hero p').first().textContent()).toBe('Checkout now');
    // The page's own elements are still what their ids name.
    expect(await page.evaluate(() => (window as unknown as { t: Element }).t.id)).toBe('t');
    expect(errors.list).toEqual([]);
  });
});
