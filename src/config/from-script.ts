/** `data-*` attributes of the script tag that are config, with how to read them. */
const ATTRIBUTES: Record<string, 'string' | 'number' | 'boolean'> = {
  bundle: 'string',
  chunkBase: 'string',
  bundleTimeout: 'number',
  sessionTimeout: 'number',
  storage: 'string',
  storageTimeout: 'number',
  hideTimeout: 'number',
  autoPage: 'boolean',
  trackClicks: 'boolean',
  maxPendingEvents: 'number',
  debug: 'boolean',
  requireSignature: 'boolean',
  allowRollback: 'boolean',
  bundleMaxAge: 'number',
  switchMargin: 'number',
};

function coerce(raw: string, type: 'string' | 'number' | 'boolean'): unknown {
  if (type === 'string') return raw;
  if (type === 'boolean')
    return raw === '' || raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
  const n = Number(raw);
  // A non-number stays a string so validation names the attribute instead of guessing.
  return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
}

/**
 * Reads config from the script tag's `data-*` attributes (`data-bundle`,
 * `data-consent-mode`, `data-debug`, ...). Other data attributes are ignored because
 * CDNs and tag managers add their own.
 */
export function configFromScript(script: HTMLOrSVGScriptElement | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!script) return out;
  // The attributes themselves, not `dataset`: a missing one would read through it to a
  // value polluted into Object.prototype, as if the tag had set it.
  const read = (key: string): string | null =>
    script.getAttribute('data-' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()));
  for (const [key, type] of Object.entries(ATTRIBUTES)) {
    const raw = read(key);
    if (raw !== null) out[key] = coerce(raw, type);
  }
  const mode = read('consentMode');
  if (mode !== null) out['consent'] = { mode };
  return out;
}
