import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium';

/** Launches Debian's Chromium (never a downloaded one). */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Errors that reached the page: uncaught exceptions and unhandled rejections. */
export interface PageErrors {
  list: string[];
}

/** Records every uncaught error and unhandled rejection in pages of this context. */
export async function watchErrors(context: BrowserContext): Promise<PageErrors> {
  const errors: PageErrors = { list: [] };
  await context.addInitScript(() => {
    window.addEventListener('unhandledrejection', (event) => {
      console.error(`unhandledrejection: ${String((event as PromiseRejectionEvent).reason)}`);
    });
  });
  context.on('page', (page) => attach(page, errors));
  for (const page of context.pages()) attach(page, errors);
  return errors;
}

function attach(page: Page, errors: PageErrors): void {
  page.on('pageerror', (error) => errors.list.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('unhandledrejection')) errors.list.push(message.text());
  });
}

/** What the page has stored, seen from inside: IndexedDB databases, localStorage keys, cookies. */
export async function storageSeen(
  page: Page,
): Promise<{ databases: string[]; localStorage: string[]; cookies: string }> {
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
    localStorage: Object.keys(localStorage),
    cookies: document.cookie,
  }));
}

/**
 * Leaves the consent record a visitor who granted personalization on an earlier visit
 * has (what `consent.set` writes), so the next page load starts as a returning visitor's.
 */
export function rememberGrant(page: Page): Promise<void> {
  return page.evaluate(() =>
    localStorage.setItem(
      'edgeseg:consent',
      JSON.stringify({
        v: 1,
        t: Date.now(),
        source: 'manual',
        purposes: { personalization: 'granted', measurement: 'denied' },
      }),
    ),
  );
}

/** Waits until `window.edgeseg` is the loaded client and its first decision is done. */
export async function edgesegReady(page: Page): Promise<void> {
  await page.waitForFunction(() => !Array.isArray((window as unknown as { edgeseg: unknown }).edgeseg));
  await page.evaluate(() => (window as unknown as { edgeseg: { ready: Promise<void> } }).edgeseg.ready);
}

/** Consent to personalize, then three article views of the test site: the visitor is a "reader" (as in the walking skeleton). */
export async function becomeReader(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/pages/home.html`);
  await edgesegReady(page);
  await page.evaluate(() =>
    (window as unknown as { edgeseg: { consent: { set(c: object): Promise<void> } } }).edgeseg.consent.set({
      personalization: true,
    }),
  );
  for (let i = 0; i < 3; i++) {
    await page.goto(`${base}/pages/article.html`);
    await edgesegReady(page);
  }
}
