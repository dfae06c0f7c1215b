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
    const storage = Storage.prototype;
    const { setItem, removeItem } = storage;
    storage.setItem = function (this: Storage, key: string, value: string) {
      if (ours(key)) trace.push(`set ${key}`);
      return setItem.call(this, key, value);
    };
    storage.removeItem = function (this: Storage, key: string) {
      if (ours(key)) trace.push(`remove ${key}`);
      return removeItem.call(this, key);
    };
    const factory = IDBFactory.prototype;
    const { open, deleteDatabase } = factory;
    factory.open = function (this: IDBFactory, name: string, version?: number) {
      if (ours(name)) trace.push(`open ${name}`);
      return open.call(this, name, version);
    };
    factory.deleteDatabase = function (this: IDBFactory, name: string) {
      if (ours(name)) trace.push(`delete ${name}`);
      return deleteDatabase.call(this, name);
    };
    const db = IDBDatabase.prototype;
    const { transaction } = db;
    db.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      if (ours(this.name)) trace.push(`transaction ${args[1] ?? 'readonly'}`);
      return transaction.apply(this, args);
    } as IDBDatabase['transaction'];
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
