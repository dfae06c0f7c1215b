/**
 * `value[key]` when `key` is the object's own property, else `undefined`. Objects from
 * outside (a consent manager's data, a page's config) are read through this so that a
 * polluted `Object.prototype` (`Object.prototype.preferences = true`) never reads as a
 * value the page did not set.
 */
export function own(value: unknown, key: PropertyKey): unknown {
  return value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    Object.prototype.hasOwnProperty.call(value, key)
    ? (value as Record<PropertyKey, unknown>)[key]
    : undefined;
}
