const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Keys from events, traits and page markup end up as property names in the profile.
 * These three would reach `Object.prototype` through a plain object, so they are
 * refused everywhere a key comes from outside.
 */
export function isSafeKey(key: string): boolean {
  return key.length > 0 && key.length <= 64 && !FORBIDDEN.has(key);
}

/** Increments `map[key]` by `by`, ignoring unsafe keys. Returns the map. */
export function bump(map: Record<string, number>, key: string, by = 1): Record<string, number> {
  if (isSafeKey(key)) map[key] = (Object.hasOwn(map, key) ? (map[key] as number) : 0) + by;
  return map;
}
