import { edgesegError } from '../lib/errors';
import type { PropValue } from '../types/event';

/**
 * Flattens commerce `items` (`[{ item_id | id, item_category | category, price, quantity }]`,
 * GA4's names or short ones) into the flat properties events store: `items` (count),
 * `quantity`, `products` and `categories` (`|`-joined, bounded) and, unless the event
 * has one, `value` (Σ price × quantity). Item names and other fields are dropped. Any
 * other list or object is `event_invalid` (thrown: the event is not recorded).
 */
export function flattenItems(key: string, prop: object, out: Record<string, PropValue>): void {
  const list = Array.isArray(prop);
  // A nested property used to vanish silently; the developer learns which one it was.
  if (key !== 'items' || !list)
    throw edgesegError(
      'event_invalid',
      `edgeseg: event property "${key}" is ${list ? 'a list' : 'an object'}: properties are flat (string, number, boolean or null); only "items" may be a list`,
      { path: `props.${key}` },
    );
  const items = prop as unknown[];
  const ids = new Set<string>();
  const categories = new Set<string>();
  let quantity = 0;
  let value = 0;
  for (const item of items.slice(0, 50)) {
    if (!item || typeof item !== 'object') continue;
    const i = item as Record<string, unknown>;
    const q = typeof i['quantity'] === 'number' && i['quantity'] > 0 ? i['quantity'] : 1;
    const price = i['price'];
    quantity += q;
    if (typeof price === 'number' && Number.isFinite(price)) value += price * q;
    for (const [set, v] of [
      [ids, i['item_id'] ?? i['id']],
      [categories, i['item_category'] ?? i['category']],
    ] as const) {
      if (typeof v === 'string' || typeof v === 'number') set.add(String(v).replace(/\|/g, '').slice(0, 64));
    }
  }
  out['items'] = Math.min(items.length, 50);
  out['quantity'] = quantity;
  if (ids.size) out['products'] = [...ids].join('|').slice(0, 256);
  if (categories.size) out['categories'] = [...categories].join('|').slice(0, 256);
  if (!('value' in out) && Number.isFinite(value)) out['value'] = Math.round(value * 100) / 100;
}
