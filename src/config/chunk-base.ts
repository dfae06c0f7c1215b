import { edgesegError, type EdgesegError } from '../lib/errors';
import { own } from '../lib/own';

/** Where the script tag's chunks come from, or why the configured place is refused. */
export type ChunkBase = { ok: true; href: string } | { ok: false; error: EdgesegError };

/**
 * The folder URL the script tag imports its chunks (`edgeseg.NAME.mjs`) from. Chunks are
 * code: by default they sit beside the script (`scriptSrc`, or `baseURI` without one). The
 * tag's own `data-chunk-base` attribute may put them anywhere: it is the site owner's
 * markup, like the `src` itself. A `chunkBase` from anywhere else (`window.edgesegConfig`,
 * a queued `init()`: objects a page script, or a polluted `Object.prototype`, can reach)
 * is honoured only on the script's own origin; another origin is refused with
 * `config_invalid` (and the SDK should then stay inert rather than import anything).
 *
 * `tagAttribute` is `script.getAttribute('data-chunk-base')`; `config` the merged config
 * object, read for its own `chunkBase` only.
 */
export function chunkBase(scriptSrc: string, baseURI: string, tagAttribute: string | null, config: unknown): ChunkBase {
  const beside = scriptSrc || baseURI;
  try {
    if (tagAttribute) return { ok: true, href: new URL(tagAttribute, baseURI).href };
    const configured = own(config, 'chunkBase');
    if (configured === undefined) return { ok: true, href: beside };
    if (typeof configured === 'string') {
      const href = new URL(configured, baseURI).href;
      if (new URL(href).origin === new URL(beside).origin) return { ok: true, href };
    }
  } catch {
    /* an unparsable URL: refused below */
  }
  return {
    ok: false,
    error: edgesegError(
      'config_invalid',
      'edgeseg: invalid config: chunkBase: chunks load from another origin only when the script tag sets data-chunk-base',
      { path: 'chunkBase' },
    ),
  };
}
