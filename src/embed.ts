/**
 * The script-tag entry (`dist/edgeseg.iife.js`): the only file with side effects.
 * Reads config from the tag's `data-*` attributes and `window.edgesegConfig`, replays
 * the calls the queue stub collected, in order, and starts the client.
 */
// First: its requests start before the rest of the core is evaluated.
import './prefetch';
import { createCoreClient } from './client/client';
import { configFromScript } from './config/from-script';
import { mergeConfig } from './config/merge-config';
import { chunkBase } from './config/chunk-base';
import { own } from './lib/own';
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

/**
 * The most queued events (`track`, `page`, `identify`) replayed: like `maxPendingEvents`, a
 * page that calls the stub in a loop before the SDK arrives cannot make it keep (and
 * replay) everything. The oldest are dropped (their promises settle with `undefined`);
 * every other call (init, consent, personalize, ...) is replayed.
 */
const MAX_QUEUED = 500;

/** The config the page gave: `edgesegConfig`, then the tag's `data-*`, then queued `init` calls, merged per key. */
function readConfig(w: EdgesegWindow, script: Element | null, queue: QueuedCall[]): Record<string, unknown> {
  const inits = queue.filter((call) => call[0] === 'init').map((call) => call[1]?.[0]);
  const config = mergeConfig(
    own(w, 'edgesegConfig'),
    configFromScript(script as HTMLOrSVGScriptElement | null),
    ...inits,
  );
  return config;
}

function boot(w: EdgesegWindow): void {
  const existing = w.edgeseg;
  // Loaded twice (two tags, a tag manager and a tag): the first copy owns the page.
  if (existing && !Array.isArray(existing) && existing.__edgeseg) return;
  const stub = Array.isArray(existing) ? existing : null;
  const queued = (stub ? stub.slice() : []).filter((call): call is QueuedCall => Array.isArray(call));
  const isEvent = (call: QueuedCall): boolean => /^(track|page|identify)$/.test(call[0]);
  let events = queued.filter(isEvent).length;
  const queue = queued.filter((call) => {
    if (!isEvent(call) || events-- <= MAX_QUEUED) return true;
    call[2]?.(undefined);
    return false;
  });
  let client: (EdgesegClient & { __edgeseg: true }) | null = null;
  try {
    const script = document.currentScript ?? document.querySelector('script[src*="edgeseg"]');
    const scriptSrc = script && 'src' in script ? script.src : '';
    let chunkFolder = scriptSrc || document.baseURI;
    // Chunks sit beside this script (`edgeseg.NAME.mjs`) unless `chunkBase` says otherwise.
    const load = ((name: string) =>
      import(/* @vite-ignore */ new URL(`edgeseg.${name}.mjs`, chunkFolder).href).then(
        (m: { default: unknown }) => m.default,
      )) as ChunkLoader;
    // The stub's pre-hiding sheet stays until the client has hidden exactly the slots still
    // waiting for their decision (or decided them): the config is validated in a chunk first.
    client = createCoreClient({ load, settled: () => unhide(stub) }) as EdgesegClient & { __edgeseg: true };
    Object.defineProperty(client, '__edgeseg', { value: true });
    w.edgeseg = client;
    const config = readConfig(w, script, queue);
    // Chunks are code: from another origin only when the tag itself says so (`data-chunk-base`).
    const base = chunkBase(scriptSrc, document.baseURI, script?.getAttribute('data-chunk-base') ?? null, config);
    if (!base.ok) throw new Error(base.error.message);
    chunkFolder = base.href;
    client.init(config);
  } catch (error) {
    // A hostile page (a throwing getter, a broken global): stay inert, settle everything.
    if (typeof console !== 'undefined') console.warn('edgeseg: could not start', error);
    client?.destroy();
  }
  if (!client) unhide(stub);
  for (const call of queue) settle(client, call);
  if (stub) forwardStub(stub as unknown as Record<string, unknown>, client);
}

/** Drops the stub's blanket pre-hiding rule (see `src/stub.js`). */
function unhide(stub: { h?: CSSStyleSheet } | null): void {
  try {
    stub?.h?.replaceSync('');
  } catch {
    /* not a stylesheet: nothing was hidden by it */
  }
}

/** Runs one queued call on the client and settles its promise; without a client, settles it with `undefined`. */
function settle(client: EdgesegClient | null, call: QueuedCall): void {
  try {
    if (!client) call[2]?.(undefined);
    else if (call[0] === 'init') call[2]?.(client.ready);
    else replay(client, call);
  } catch {
    call[2]?.(undefined);
  }
}

/**
 * Code that kept a reference to the stub (`const es = window.edgeseg` before load)
 * must keep working: its methods now call the client, and `push` runs calls at once.
 */
function forwardStub(stub: Record<string, unknown>, client: EdgesegClient | null): void {
  if (client) {
    const c = client as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const name of METHODS) stub[name] = (...args: unknown[]) => c[name]?.(...args);
    stub['consent'] = client.consent;
    stub['ready'] = client.ready;
  }
  stub['push'] = (call: QueuedCall) => {
    if (Array.isArray(call)) settle(client, call);
    return 0;
  };
}

try {
  boot(window as unknown as EdgesegWindow);
} catch (error) {
  // Never break the host page, whatever it did to our globals.
  if (typeof console !== 'undefined') console.warn('edgeseg: could not start', error);
}
