import { randomId } from './id';

let sequence = 0;

/**
 * An event id that sorts by time, then by order of recording within this page, then by
 * a random suffix: IndexedDB returns same-millisecond events in the order they happened,
 * and two tabs recording in the same millisecond still never collide.
 */
export function eventId(t: number): string {
  sequence = (sequence + 1) % 1_679_616; // 36^4
  return `${Math.max(0, Math.floor(t)).toString(36).padStart(9, '0')}${sequence.toString(36).padStart(4, '0')}-${randomId().slice(0, 12)}`;
}
