/**
 * `value[key]` when `key` is the object's own property, else `undefined`. Objects from
 * outside (a consent manager's data, a page's config) are read through this so that a
 * polluted `Object.prototype` (`Object.prototype.preferences = true`) never reads as a
 * value the page did not set.
 */
export function own(value: unknown, key: PropertyKey): unknown {
  return value != null && Object.hasOwn(value, key) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
}

/**
 * A copy of plain data made of own enumerable properties only, every object in it without
 * a prototype: reading a key the page did not set gives `undefined`, whatever was added to
 * `Object.prototype`. Arrays stay arrays (holes become `undefined`); anything nested
 * deeper than any config goes is cut off (`undefined`), so a hostile depth costs nothing.
 */
export function ownData<T>(value: T, depth = 16): T {
  if (!value || typeof value !== 'object') return value;
  if (!depth) return undefined as T;
  if (Array.isArray(value)) return Array.from(value, (v: unknown) => ownData(v, depth - 1)) as T;
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) out[key] = ownData((value as Record<string, unknown>)[key], depth - 1);
  return out as T;
}
