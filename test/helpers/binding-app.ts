// What the React and Vue binding tests share: a real bundle served from a blob URL, a
// product page, a clean slate between tests, and a net for hydration warnings.
import { afterEach, beforeEach, expect, vi } from 'vitest';
import pagesBundle from '../fixtures/bundles/pages.json?raw';

/** Variants of the tests' `hero` slot: `shopper` is what a visitor of product pages gets. */
export const HERO = { shopper: 'Compare lamps', reader: 'Read the guides', default: 'Shop now' };

let urls: string[] = [];
let meta: HTMLMetaElement | null = null;

/**
 * A config for a client of the tests' bundle (segments visitor / shopper / reader by
 * product and reading pages), kept in memory. The page is a product page, so the automatic
 * page view and every `page()` count towards `shopper`, also those recorded before a grant
 * (`consent.keepPending`: the tests grant consent after mount).
 */
export function bindingConfig(): { bundle: string; storage: 'memory'; consent: { keepPending: true } } {
  const url = URL.createObjectURL(new Blob([pagesBundle], { type: 'application/json' }));
  urls.push(url);
  return { bundle: url, storage: 'memory', consent: { keepPending: true } };
}

beforeEach(() => {
  localStorage.clear();
  meta = document.createElement('meta');
  meta.name = 'edgeseg:page-type';
  meta.content = 'product';
  document.head.append(meta);
});
afterEach(() => {
  for (const url of urls) URL.revokeObjectURL(url);
  urls = [];
  meta?.remove();
  localStorage.clear();
  document.body.replaceChildren();
});

/** A fresh container in the document. */
export function container(): HTMLElement {
  const el = document.createElement('div');
  document.body.append(el);
  return el;
}

/** Waits until `read()` returns `want` (however long the client takes), then returns it. */
export async function until(read: () => string | null | undefined, want: string): Promise<string> {
  await vi.waitFor(
    () => {
      if (read() !== want)
        throw new Error(`still "${read()}", waiting for "${want}" (page: ${document.body.textContent})`);
    },
    { timeout: 10_000, interval: 20 },
  );
  return want;
}

/** Collects what a framework reports through console.error and console.warn (hydration mismatches among them). */
export function consoleNet(): { messages: string[]; restore: () => void } {
  const messages: string[] = [];
  const keep = (...args: unknown[]): void => void messages.push(args.map(String).join(' '));
  const error = vi.spyOn(console, 'error').mockImplementation(keep);
  const warn = vi.spyOn(console, 'warn').mockImplementation(keep);
  return {
    messages,
    restore: () => {
      error.mockRestore();
      warn.mockRestore();
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The React version a project runs the React binding's tests against (unset: the root's). */
    react?: string;
  }
}

/** The consent record of a visitor who granted personalization earlier (what `consent.set` writes). */
export function rememberGrant(): void {
  localStorage.setItem(
    'edgeseg:consent',
    JSON.stringify({
      v: 1,
      t: Date.now(),
      source: 'manual',
      purposes: { personalization: 'granted', measurement: 'pending' },
    }),
  );
}

/** The text of `#id` in `root`. */
export const text = (root: HTMLElement, id: string): string | null | undefined =>
  root.querySelector(`#${id}`)?.textContent;
/** Clicks the button `#id` in `root`. */
export const click = (root: HTMLElement, id: string): void =>
  (root.querySelector(`#${id}`) as HTMLButtonElement).click();

/**
 * The tests' shop (hero, segment, consent, "Allow" and "Browse" buttons) while consent is
 * pending shows the default, browsing changes nothing, and "Allow" alone brings the variant.
 */
export async function grantAfterMount(el: HTMLElement): Promise<void> {
  await until(() => text(el, 'consent'), 'pending');
  expect(text(el, 'hero')).toBe('Shop now');
  expect(text(el, 'segment')).toBe('none');
  click(el, 'browse');
  await new Promise((r) => setTimeout(r, 50));
  expect(text(el, 'hero')).toBe('Shop now');
  // Clicking "Allow" only grants consent: the bindings update from the client's events.
  click(el, 'allow');
  await until(() => text(el, 'hero'), 'Compare lamps');
  expect(text(el, 'segment')).toBe('shopper');
  expect(text(el, 'consent')).toBe('granted');
}

/** After hydration with a remembered grant: browsing brings the variant. */
export async function personalizesAfterHydration(el: HTMLElement): Promise<void> {
  await until(() => text(el, 'consent'), 'granted');
  click(el, 'browse');
  await until(() => text(el, 'hero'), 'Compare lamps');
  expect(text(el, 'segment')).toBe('shopper');
}
