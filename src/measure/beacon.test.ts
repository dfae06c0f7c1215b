import { IDBFactory } from 'fake-indexeddb';
import { pageViewReport } from '../../test/helpers/report';
import { describe, expect, it, vi } from 'vitest';
import { fakePlatform } from '../../test/helpers/fake-platform';
import { manualTimers } from '../../test/helpers/manual-timers';
import { openBeaconQueue } from '../store/beacon-queue';
import type { EventsPayload } from '../types/measure';
import { startBeacon } from './beacon';

const report = pageViewReport;

function setup(statuses: number[], idb = new IDBFactory(), epsilon?: number) {
  const timers = manualTimers();
  const bodies: EventsPayload[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    bodies.push(JSON.parse(init.body as string) as EventsPayload);
    const status = statuses.shift() ?? 200;
    return new Response('{}', { status, headers: status === 429 ? { 'retry-after': '0' } : {} });
  });
  const { platform } = fakePlatform({ fetch: fetch as unknown as typeof globalThis.fetch, ...timers.timers });
  const errors: string[] = [];
  const beacon = startBeacon(
    {
      url: 'https://collect.example/e',
      batchSize: 1,
      flushInterval: 60_000,
      maxQueue: 10,
      epsilon,
      vitals: false,
      platform,
      closePage: () => null,
      report: (e) => void errors.push(e.code),
    },
    openBeaconQueue(idb, 10),
    null,
    () => 0.99,
  );
  return { beacon, fetch, bodies, timers, errors, idb };
}

describe('beacon', () => {
  it('backs off on 429 and 5xx (1 s, 2 s, …) on the injected timers, then delivers and empties the queue', async () => {
    const { beacon, fetch, bodies, timers, idb } = setup([429, 503, 200]);
    beacon.add(report('r-0001'));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    await timers.waiting();
    expect(timers.pending()).toEqual([1000]);
    timers.fire();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    await vi.waitFor(() => expect(timers.pending()).toEqual([2000]));
    timers.fire();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(3));
    expect(bodies.map((b) => b.events.map((e) => e.id))).toEqual([['r-0001'], ['r-0001'], ['r-0001']]);
    expect(bodies[0]?.format).toBe('edgeseg-events/1');
    beacon.stop();
    // Nothing left for the next page.
    await vi.waitFor(async () => expect(await openBeaconQueue(idb, 10).all()).toEqual([]));
  });

  it('keeps what could not be sent in IndexedDB: the next page (a reload) sends it', async () => {
    const first = setup([500]);
    first.beacon.add(report('r-0001'));
    await vi.waitFor(() => expect(first.fetch).toHaveBeenCalledTimes(1));
    first.beacon.stop();
    const second = setup([200], first.idb);
    await vi.waitFor(() => expect(second.fetch).toHaveBeenCalledTimes(1));
    expect(second.bodies[0]?.events.map((e) => e.id)).toEqual(['r-0001']);
    second.beacon.stop();
  });

  it('drops a batch the collector refuses with another 4xx, and says so', async () => {
    const { beacon, fetch, errors, timers } = setup([422]);
    beacon.add(report('r-0001'));
    await vi.waitFor(() => expect(errors).toEqual(['beacon_rejected']));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(timers.pending()).not.toContain(1000);
    beacon.stop();
  });

  it('with ε, sends randomized conversion bits without counts or values', async () => {
    const { beacon, bodies } = setup([200], new IDBFactory(), 1);
    beacon.add(report('r-0001'));
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    // random() = 0.99 ≥ e/(1+e): the bit is flipped.
    expect(bodies[0]?.events[0]).toMatchObject({ rr: { epsilon: 1 }, goals: [{ goal: 'purchase', converted: false }] });
    expect(bodies[0]?.events[0]?.goals[0]).not.toHaveProperty('value');
    beacon.stop();
  });

  it('purge erases the queue database', async () => {
    const { beacon, idb, fetch } = setup([500]);
    beacon.add(report('r-0001'));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    await beacon.purge();
    const names = (await idb.databases()).map((d) => d.name);
    expect(names).not.toContain('edgeseg-beacon');
  });
});
