/**
 * The script-tag entry (`dist/edgeseg.iife.js`): the only file with side effects.
 * Reads config from the tag's `data-*` attributes and `window.edgesegConfig`, replays
 * the calls the queue stub collected, in order, and starts the client.
 */
// First: its requests start before the rest of the core is evaluated.
import './prefetch';
import { createCoreClient } from './client/client';
import { configFromScript } from './config/from-script';
import type { EdgesegClient } from './types/client';
import type { ChunkLoader } from './chunks/loader-contract';

/** One queued call: method name (`consent.set` for nested ones), arguments, promise settlers. */
type QueuedCall = [method: string, args: unknown[], resolve?: (value: unknown) => void];

interface EdgesegWindow {
  edgeseg?: (EdgesegClient & { __edgeseg?: true }) | (QueuedCall[] & { q?: unknown; h?: CSSStyleSheet });
  edgesegConfig?: Record<string, unknown>;
}

/** Methods the stub defines; after load each forwards to the client. */
const METHODS = [
  'init',
  'track',
  'page',
  'identify',
  'segment',
  'personalize',
  'on',
  'exportData',
  'forget',
  'destroy',
] as const;

function replay(client: EdgesegClient, call: QueuedCall): void {
  const [method, args, resolve] = call;
  if (method === 'ready') return resolve?.(client.ready);
  const [head, tail] = method.split('.') as [string, string | undefined];
  const owner = (tail ? (client as unknown as Record<string, unknown>)[head] : client) as
    Record<string, unknown> | undefined;
  const fn = owner?.[tail ?? head];
  if (typeof fn !== 'function') return;
  const result: unknown = (fn as (...a: unknown[]) => unknown).apply(owner, Array.isArray(args) ? args : []);
  resolve?.(result);
}

function boot(): void {
  const w = window as unknown as EdgesegWindow;
  const existing = w.edgeseg;
  // Loaded twice (two tags, a tag manager and a tag): the first copy owns the page.
  if (existing && !Array.isArray(existing) && existing.__edgeseg) return;
  const queue: QueuedCall[] = Array.isArray(existing) ? existing.slice() : [];
  const script = document.currentScript ?? document.querySelector('script[src*="edgeseg"]');
  const scriptSrc = script && 'src' in script ? script.src : '';
  let chunkBase = scriptSrc || document.baseURI;
  // Chunks sit beside this script (`edgeseg.NAME.mjs`) unless `chunkBase` says otherwise.
  const load = ((name: string) =>
    import(/* @vite-ignore */ new URL(`edgeseg.${name}.mjs`, chunkBase).href).then(
      (m: { default: unknown }) => m.default,
    )) as ChunkLoader;
  const client = createCoreClient({ load }) as EdgesegClient & { __edgeseg: true };
  Object.defineProperty(client, '__edgeseg', { value: true });
  w.edgeseg = client;
  const tagConfig = {
    ...(w.edgesegConfig && typeof w.edgesegConfig === 'object' ? w.edgesegConfig : {}),
    ...configFromScript(script),
  };
  const inits = queue.filter((call) => Array.isArray(call) && call[0] === 'init');
  const queuedConfig = Object.assign({}, ...inits.map((call) => (call[1]?.[0] as object | undefined) ?? {})) as object;
  const config = { ...tagConfig, ...queuedConfig } as Record<string, unknown>;
  if (typeof config['chunkBase'] === 'string') chunkBase = new URL(config['chunkBase'], document.baseURI).href;
  const ready = client.init(config);
  // The stub's pre-hiding sheet: the client has hidden exactly the slots still waiting
  // for their decision (or decided them), so the blanket rule can go.
  if (Array.isArray(existing)) existing.h?.replaceSync('');
  for (const call of queue) {
    if (!Array.isArray(call)) continue;
    if (call[0] === 'init') call[2]?.(ready);
    else replay(client, call);
  }
  if (Array.isArray(existing)) forwardStub(existing as unknown as Record<string, unknown>, client);
}

/**
 * Code that kept a reference to the stub (`const es = window.edgeseg` before load)
 * must keep working: its methods now call the client, and `push` runs calls at once.
 */
function forwardStub(stub: Record<string, unknown>, client: EdgesegClient): void {
  const c = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of METHODS) stub[name] = (...args: unknown[]) => c[name]?.(...args);
  stub['consent'] = client.consent;
  stub['ready'] = client.ready;
  stub['push'] = (call: QueuedCall) => {
    if (Array.isArray(call)) replay(client, call);
    return 0;
  };
}

try {
  boot();
} catch (error) {
  // Never break the host page, whatever it did to our globals.
  if (typeof console !== 'undefined') console.warn('edgeseg: could not start', error);
}
