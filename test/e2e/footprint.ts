import type { BrowserContext } from 'playwright';
import { buildManifest, resolveConfig } from '../../cli/privacy/manifest';

/** The privacy manifest for the default config with every optional part on (the widget, a beacon). */
const manifest = buildManifest(resolveConfig({ transparency: true, measurement: { beacon: { url: '/collect' } } }));
const DB = new Set(manifest.storage.filter((s) => s.where === 'indexedDB').map((s) => s.name));
const STORES = new Set(manifest.storage.flatMap((s) => (s.store ? [s.store] : [])));
const RECORDS = new Set(manifest.storage.flatMap((s) => (s.record ? [s.record] : [])));
/** The chunk files the manifest lists (`chunk:NAME`). */
const CHUNKS = new Set(manifest.requests.flatMap((r) => (r.id.startsWith('chunk:') ? [r.id.slice(6)] : [])));
const LOCAL = new Set(manifest.storage.filter((s) => s.where === 'localStorage').map((s) => s.name));

/** Files of ours a page may fetch: the core builds and the chunks the manifest declares. */
const OUR_FILE = /(^|\/)edgeseg\.([\w-]+)\.(m?js)$/;
const CORE = new Set(['iife', 'stub']);

/**
 * What edgeseg left in a browser context and fetched, that the privacy manifest does not
 * list: databases, object stores, named records, localStorage keys and cookies of ours (by
 * name: `edgeseg…`), and chunk files. Read from outside the pages (`storageState`), so a
 * hostile page cannot hide anything. Every e2e test runs it after itself (`useSession`).
 */
export async function unlistedFootprint(context: BrowserContext, paths: readonly string[]): Promise<string[]> {
  const unlisted: string[] = [];
  const state = await context.storageState({ indexedDB: true });
  for (const origin of state.origins) {
    for (const { name } of origin.localStorage)
      if (name.startsWith('edgeseg') && !LOCAL.has(name)) unlisted.push(`localStorage ${name}`);
    for (const db of origin.indexedDB ?? []) {
      if (!db.name.startsWith('edgeseg')) continue;
      if (!DB.has(db.name)) unlisted.push(`IndexedDB database ${db.name}`);
      for (const store of db.stores) {
        if (!STORES.has(store.name) && !manifest.storage.some((s) => s.name === db.name && s.store === store.name))
          unlisted.push(`IndexedDB store ${db.name}/${store.name}`);
        if (store.name !== 'kv') continue;
        for (const record of store.records) {
          const key = String(record.key ?? '');
          if (!RECORDS.has(key)) unlisted.push(`IndexedDB record ${db.name}/kv/${key}`);
        }
      }
    }
  }
  for (const cookie of state.cookies) if (cookie.name.includes('edgeseg')) unlisted.push(`cookie ${cookie.name}`);
  for (const path of paths) {
    const name = OUR_FILE.exec(path)?.[2];
    if (name && !CORE.has(name) && !CHUNKS.has(name)) unlisted.push(`request ${path}`);
  }
  return unlisted;
}
