import { isSafeKey } from '../lib/safe-key';
import type { EdgesegEvent, PropValue } from '../types/event';

/**
 * Bytes (JSON length) of the stored copy of one raw event at most. Larger events keep
 * their id, name and time but not their props; the profile has already counted them in
 * full. This bounds the ring at `maxEvents × MAX_EVENT_BYTES` whatever a page sends.
 */
export const MAX_EVENT_BYTES = 512;

const KINDS = new Set(['page', 'track', 'identify']);

/**
 * The copy of an event that is written to storage, or `null` for one that cannot be
 * stored (no string id, no finite time). Rebuilt key by key so nothing that arrived as
 * `__proto__`/`constructor` or with a foreign prototype reaches the database.
 */
export function storedEvent(event: EdgesegEvent): EdgesegEvent | null {
  if (typeof event?.id !== 'string' || !event.id || event.id.length > 64 || !Number.isFinite(event.t)) return null;
  const props: Record<string, PropValue> = {};
  if (event.props && typeof event.props === 'object') {
    for (const [key, value] of Object.entries(event.props)) {
      const type = typeof value;
      if (
        isSafeKey(key) &&
        (value === null || type === 'string' || type === 'boolean' || (type === 'number' && Number.isFinite(value)))
      )
        props[key] = value;
    }
  }
  const copy: EdgesegEvent = {
    id: event.id,
    kind: KINDS.has(event.kind) ? event.kind : 'track',
    name: String(event.name).slice(0, 64),
    t: event.t,
    props,
  };
  if (JSON.stringify(copy).length > MAX_EVENT_BYTES) copy.props = {};
  return copy;
}

/** A profile read back from storage, or `null` when what is there is not one. */
export function asProfile<T extends { v: number }>(value: unknown): T | null {
  return typeof value === 'object' && value !== null && typeof (value as { v?: unknown }).v === 'number'
    ? (value as T)
    : null;
}
