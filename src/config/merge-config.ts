/** A plain object (`{}` or `Object.create(null)`), as opposed to arrays, class instances and null. */
function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Merges config sources in order (later wins) key by key, and deeply where both sides
 * hold a plain object: `data-consent-mode` on the tag changes `consent.mode` and keeps
 * the rest of `edgesegConfig.consent`. Only own enumerable keys are read, and keys that
 * could reach a prototype are skipped, so a polluted `Object.prototype` adds nothing.
 * Anything that is not a plain object is ignored (validation then sees what is left).
 */
export function mergeConfig(...sources: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const source of sources) {
    if (!isPlain(source)) continue;
    for (const key of Object.keys(source)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
      const value = source[key];
      const before = Object.hasOwn(out, key) ? out[key] : undefined;
      out[key] = isPlain(value) ? mergeConfig(isPlain(before) ? before : {}, value) : value;
    }
  }
  return out;
}
