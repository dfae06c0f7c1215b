import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { launch, watchErrors, type PageErrors } from './browser';
import { unlistedFootprint } from './footprint';
import { startServer, type TestServer } from './server';

/** What an e2e test works with; fields are replaced before every test. */
export interface Session {
  server: TestServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  errors: PageErrors;
}

/**
 * The hooks every e2e file shares: one server and one Chromium per file, a fresh context
 * (no storage, no cache) and page per test, page errors recorded. `prepare` runs on each
 * new context before its page opens (init scripts, routes).
 */
export function useSession(prepare?: (context: BrowserContext) => Promise<void>): Session {
  const session = {} as Session;
  beforeAll(async () => {
    [session.server, session.browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  beforeEach(async () => {
    session.server.reset();
    await session.context?.close();
    session.context = await session.browser.newContext();
    session.errors = await watchErrors(session.context);
    await prepare?.(session.context);
    session.page = await session.context.newPage();
  });
  // The privacy manifest must list everything of ours any test saw stored or fetched
  // (issue 17: a storage key, database, record or chunk added without a declaration fails here).
  afterEach(async () => {
    const state = await unlistedFootprint(
      session.context,
      session.server.requests.map((r) => r.path),
    ).catch(() => null); // the test closed its context itself: nothing left to read
    if (state) expect(state, 'stored or fetched by edgeseg but not in the privacy manifest').toEqual([]);
  });
  return session;
}

/** Init script recording CSP violations in `window.__violations` (init scripts are not subject to the page's CSP). */
export async function recordViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[]; __errors: string[] };
    w.__violations = [];
    w.__errors = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
}
