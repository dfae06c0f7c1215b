// What the React and Vue binding tests share: a real bundle served from a blob URL, a
// product page, a clean slate between tests, and a net for hydration warnings.
import { afterEach, beforeEach, vi } from 'vitest';
import pagesBundle from '../fixtures/bundles/pages.json?raw';

/** Variants of the tests' `hero` slot: `shopper` is what a visitor of product pages gets. */
export const HERO = { shopper: 'Compare lamps', reader: 'Read the guides', default: 'Shop now' };

let urls: string[] = [];
let meta: HTMLMetaElement | null = null;

/**
 * A config for a client of the tests' bundle (segments visitor / shopper / reader by
 * product and reading pages), kept in memory. The page is a product page, so the automatic
 * page view and every `page()` count towards `shopper`.
 */
export function bindingConfig(): { bundle: string; storage: 'memory' } {
  const url = URL.createObjectURL(new Blob([pagesBundle], { type: 'application/json' }));
  urls.push(url);
  return { bundle: url, storage: 'memory' };
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
