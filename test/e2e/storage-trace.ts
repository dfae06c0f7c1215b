import type { BrowserContext, Page } from 'playwright';

/**
 * Records, in page order, every storage operation of ours a page makes, from its first
 * script on: `open edgeseg`, `delete edgeseg`, `transaction readwrite` (or `readonly`),
 * `set edgeseg:KEY`, `remove edgeseg:KEY`. Tests push their own markers (`mark`) in
 * between, and assert on order ("nothing opened after the revoke") instead of on time.
 */
export async function traceStorage(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const trace: string[] = [];
    (window as unknown as { __trace: string[] }).__trace = trace;
    const ours = (name: unknown): boolean => String(name).startsWith('edgeseg');
    /** Wraps a prototype method so each call first adds the entry `describe` gives (if any). */
    const tap = (proto: object, method: string, describe: (self: never, args: unknown[]) => string | null): void => {
      const target = proto as Record<string, (...args: unknown[]) => unknown>;
      const original = target[method] as (...args: unknown[]) => unknown;
      target[method] = function (this: never, ...args: unknown[]) {
        const entry = describe(this, args);
        if (entry) trace.push(entry);
        return original.apply(this, args);
      };
    };
    tap(Storage.prototype, 'setItem', (_, [key]) => (ours(key) ? `set ${String(key)}` : null));
    tap(Storage.prototype, 'removeItem', (_, [key]) => (ours(key) ? `remove ${String(key)}` : null));
    tap(IDBFactory.prototype, 'open', (_, [name]) => (ours(name) ? `open ${String(name)}` : null));
    tap(IDBFactory.prototype, 'deleteDatabase', (_, [name]) => (ours(name) ? `delete ${String(name)}` : null));
    tap(IDBDatabase.prototype, 'transaction', (db: IDBDatabase, [, mode]) =>
      ours(db.name) ? `transaction ${String(mode ?? 'readonly')}` : null,
    );
  });
}

/** The page's trace so far. */
export function readTrace(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __trace: string[] }).__trace.slice());
}

/** Adds a marker to the page's trace (for "after this point" assertions). */
export function mark(page: Page, marker: string): Promise<void> {
  return page.evaluate((m) => void (window as unknown as { __trace: string[] }).__trace.push(m), marker);
}

/** The entries after the first `marker`; throws when it is not there. */
export function after(trace: readonly string[], marker: string): string[] {
  const at = trace.indexOf(marker);
  if (at < 0) throw new Error(`no "${marker}" in the storage trace: ${trace.join(', ')}`);
  return trace.slice(at + 1);
}

/** Entries that store something of ours: an open, a write transaction, a key other than the consent record. */
export function writes(entries: readonly string[]): string[] {
  return entries.filter(
    (e) =>
      e.startsWith('open ') || e === 'transaction readwrite' || (e.startsWith('set ') && e !== 'set edgeseg:consent'),
  );
}
