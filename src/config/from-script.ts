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
  const data = (script as HTMLElement).dataset;
  for (const [key, type] of Object.entries(ATTRIBUTES)) {
    const raw = data[key];
    if (raw !== undefined) out[key] = coerce(raw, type);
  }
  if (data['consentMode'] !== undefined) out['consent'] = { mode: data['consentMode'] };
  return out;
}
