import { isSafeKey } from '../lib/safe-key';

/**
 * The entry for `key` in a bounded map, created with `make()` when there is room.
 * `undefined` for keys that could reach `Object.prototype` and for new keys once the map
 * holds `limit` entries: a profile stays small whatever names a page sends.
 */
export function entryFor<T>(map: Record<string, T>, key: string, limit: number, make: () => T): T | undefined {
  if (Object.hasOwn(map, key)) return map[key];
  if (!isSafeKey(key) || Object.keys(map).length >= limit) return undefined;
  return (map[key] = make());
}
