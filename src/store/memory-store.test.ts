import { DEFAULT_RETENTION } from '../config/retention';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store';
import { reduceProfile } from '../profile/reduce';
import type { FoldProfile } from './store';
import type { EdgesegEvent } from '../types/event';

const DAY = 86_400_000;
const fold: FoldProfile = (stored, events) => reduceProfile(stored, events, { sessionTimeout: 30 * 60_000 });
let n = 0;
const event = (t: number, props: Record<string, unknown> = {}): EdgesegEvent => ({
  id: `e${String(n++).padStart(6, '0')}`,
  kind: 'track',
  name: 'x',
  t,
  props: props as EdgesegEvent['props'],
});

describe('memory store', () => {
  it('has the IndexedDB store semantics: dedupe by id, fold inside the write, a ring by count and age', async () => {
    let now = 100 * DAY;
    const store = createMemoryStore({ ...DEFAULT_RETENTION, maxEvents: 3, maxAgeDays: 1 }, () => now);
    const first = [event(now - 2 * DAY), event(now), event(now)];
    expect((await store.write(first, fold))?.events).toBe(3);
    expect((await store.write([...first, event(now)], fold))?.events).toBe(4);
    const { events } = await store.exportAll();
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.t >= now - DAY)).toBe(true);
    now += 2 * DAY;
    await store.write([event(now)], fold);
    expect((await store.exportAll()).events).toHaveLength(1);
    expect((await store.loadProfile())?.events).toBe(5);
  });

  it('stores prototype-safe, bounded copies and exports kv records; clear() empties everything', async () => {
    const t = Date.UTC(2026, 10, 23);
    const store = createMemoryStore(DEFAULT_RETENTION, () => t);
    await store.write(
      [
        event(
          t,
          JSON.parse(
            '{"__proto__":{"polluted":1},"ok":1,"big":"' + 'x'.repeat(256) + '","b2":"' + 'y'.repeat(256) + '"}',
          ),
        ),
      ],
      fold,
    );
    await store.putKv('caps', { a: 1 });
    const data = await store.exportAll();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(data.events[0]?.props).toEqual({});
    expect(data.records).toEqual({ caps: { a: 1 } });
    await store.clear();
    expect(await store.exportAll()).toEqual({ profile: null, events: [], records: {} });
  });

  it('maxEvents 0 keeps no raw events but still folds the profile', async () => {
    const store = createMemoryStore({ ...DEFAULT_RETENTION, maxEvents: 0, maxAgeDays: 30 }, () => 0);
    expect((await store.write([event(0), event(0)], fold))?.events).toBe(2);
    expect((await store.exportAll()).events).toEqual([]);
  });
});
