/**
 * The first code the script tag runs, before the rest of the core is evaluated: it asks
 * for what a decision will need so the requests overlap the core's own start-up. The
 * `config` chunk (config validation), the chunks' `shared` code and the `collect` chunk
 * always, the `engine` chunk when the tag names a bundle: the browser's
 * module map hands these same modules to the loader's later `import()`. On a visit with
 * no cached assignment (a first visit, or no consent yet) the bundle too, as a
 * `<link rel="preload" as="fetch">` that the loader's `fetch` of the same URL picks up.
 *
 * Only for the plain tag: a `chunkBase` elsewhere would make these requests go to the
 * wrong place, so then nothing is prefetched. A failure here is nobody's problem: the
 * loader asks again and reports.
 */
import { LAST_KEY } from './decide/last-assignment';
import { own } from './lib/own';

try {
  const script = document.currentScript as HTMLScriptElement | null;
  const w = window as { edgeseg?: unknown };
  // As the core reads it: the tag's attribute over `window.edgesegConfig` (a queued
  // `init()` that names another bundle only costs this preload). Own properties only: a
  // `bundle` polluted into Object.prototype must not become a request.
  const config = own(window, 'edgesegConfig');
  const configured = own(config, 'bundle');
  const bundle = script?.getAttribute('data-bundle') ?? (typeof configured === 'string' ? configured : null);
  const moved = script?.hasAttribute('data-chunk-base') || own(config, 'chunkBase');
  // A second copy of the tag does nothing (the first owns the page), so it asks for nothing.
  const second = w.edgeseg && !Array.isArray(w.edgeseg);
  if (script?.src && !moved && !second) {
    // The bundle first: it is the larger wait on a first visit.
    if (bundle && !localStorage.getItem(LAST_KEY)) {
      const link = document.createElement('link');
      link.rel = 'preload';
      link.as = 'fetch';
      link.crossOrigin = 'anonymous';
      link.href = new URL(bundle, document.baseURI).href;
      document.head.appendChild(link);
    }
    // `config` gates `init`: imported now. The others are preloaded, not imported: fetched
    // (and compiled off the main thread where the browser can), but evaluated only when
    // the client imports them, so they do not compete with the config and a returning
    // visitor's remembered decision for the main thread. `shared` is what the chunks
    // share (zod, ...), which their own imports would only discover once they arrived.
    for (const name of ['config', 'shared', ...(bundle ? ['engine'] : []), 'collect']) {
      const href = new URL(`edgeseg.${name}.mjs`, script.src).href;
      if (name === 'config') import(/* @vite-ignore */ href).catch(() => {});
      else {
        const link = document.createElement('link');
        link.rel = 'modulepreload';
        link.href = href;
        document.head.appendChild(link);
      }
    }
  }
  // Without Temporal, the context collector reads the time zone from a first `Intl`
  // object, which initialises ICU: 40–60 ms of main thread, measured in Chromium. A first
  // visit's decision waits for that page view; made here, in the task after the core's,
  // it runs while the chunks and the bundle are still on the network. Not for a returning
  // visitor: the remembered decision is applied first, and this would delay it.
  if (!second && !('Temporal' in window) && !localStorage.getItem(LAST_KEY))
    setTimeout(() => Intl.DateTimeFormat().resolvedOptions());
} catch {
  /* storage blocked, no document, no Intl: the loader fetches as usual */
}
