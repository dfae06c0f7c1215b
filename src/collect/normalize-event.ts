import { isSafeKey } from '../lib/safe-key';
import { edgesegError, type EdgesegError } from '../lib/errors';
import type { EdgesegEvent, EventKind, PropValue } from '../types/event';

/** Bounds on what one event may carry; larger input is cut, not stored. */
export const EVENT_LIMITS = { name: 64, props: 32, string: 256 } as const;

const NAME = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * Takes a property that is a list or an object: commerce `items` become flat properties,
 * anything else throws `event_invalid` naming the property. Supplied by the collect chunk,
 * so the check costs the core nothing.
 */
export type FlattenArray = (key: string, value: object, out: Record<string, PropValue>) => void;

function cleanProps(input: unknown, flatten?: FlattenArray): Record<string, PropValue> {
  const out: Record<string, PropValue> = {};
  if (!input || typeof input !== 'object' || Array.isArray(input)) return out;
  let count = 0;
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (count >= EVENT_LIMITS.props) break;
    if (!isSafeKey(key)) continue;
    if (typeof value === 'string') out[key] = value.slice(0, EVENT_LIMITS.string);
    else if (typeof value === 'number') {
      if (!Number.isFinite(value)) continue;
      out[key] = value;
    } else if (typeof value === 'boolean' || value === null) out[key] = value;
    else if (flatten && typeof value == 'object') flatten(key, value, out);
    else continue;
    count++;
  }
  return out;
}

/**
 * Turns what a page passed to `track()`/`page()`/`identify()` into a stored event, or an
 * `event_invalid` error. Names are short identifiers; props are flat, bounded and free
 * of keys that could reach `Object.prototype`; lists and objects go to `flatten` (commerce
 * `items`, see `flattenItems`), which throws `event_invalid` for anything else.
 */
export function normalizeEvent(
  kind: EventKind,
  name: unknown,
  props: unknown,
  t: number,
  id: string,
  flatten?: FlattenArray,
): { ok: true; event: EdgesegEvent } | { ok: false; error: EdgesegError } {
  if (typeof name !== 'string' || !NAME.test(name) || !isSafeKey(name)) {
    return {
      ok: false,
      error: edgesegError(
        'event_invalid',
        `edgeseg: event name must be 1-64 letters, digits or _.:- (got ${JSON.stringify(String(name)).slice(0, 80)})`,
      ),
    };
  }
  if (props !== undefined && props !== null && (typeof props !== 'object' || Array.isArray(props))) {
    return { ok: false, error: edgesegError('event_invalid', `edgeseg: properties of "${name}" must be an object`) };
  }
  return { ok: true, event: { id, kind, name, t, props: cleanProps(props, flatten) } };
}
