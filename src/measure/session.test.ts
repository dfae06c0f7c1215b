import { describe, expect, it, vi } from 'vitest';
import { fakePlatform } from '../../test/helpers/fake-platform';
import { CONFIG_DEFAULTS } from '../config/schema';
import type { EdgesegConfig } from '../types/config';
import type { ConsentState } from '../types/consent';
import type { Decision } from '../types/decision';
import { BEACON_DB } from '../store/beacon-db';
import { unassigned } from '../score/unassigned';
import type { Bundle } from '../types/bundle';
import type { Assignment } from '../types/decision';
import type { PageViewReport } from '../types/measure';
import pagesExperiment from '../../test/fixtures/bundles/pages-experiment.json';
import type { MeasureHost } from './host';
import { startMeasure } from './session';

const decision = (slot: string): Decision => ({
  slot,
  segment: 'shopper',
  variant: 'shopper',
  reason: 'segment_variant',
  explanation: '',
  source: 'model',
  bundleVersion: 3,
  experiment: { id: 'hero-test', arm: 'personalized' },
});

/** A host measuring with a beacon at `/collect`, measurement granted; `o` replaces its parts. */
const beaconHost = (platform: MeasureHost['platform'], o: Partial<MeasureHost>): MeasureHost => ({
  config: { ...CONFIG_DEFAULTS, measurement: { beacon: { url: '/collect' } } } as EdgesegConfig,
  platform,
  consent: () => ({ personalization: 'granted', measurement: 'granted' }),
  store: () => null,
  bundle: () => null,
  assignment: () => unassigned(''),
  emit: () => {},
  report: vi.fn(),
  loadBeacon: () => Promise.reject(new Error('unused')),
  ...o,
});

function setup(measurement: ConsentState['measurement']) {
  const fake = fakePlatform();
  const emitted: string[] = [];
  const config = { ...CONFIG_DEFAULTS, measurement: { goals: [{ id: 'buy', event: 'purchase', value: 'value' }] } };
  const session = startMeasure({
    config: config as EdgesegConfig,
    platform: fake.platform,
    consent: () => ({ personalization: 'granted', measurement }),
    store: () => null,
    bundle: () => null,
    assignment: () => unassigned(''),
    emit: (name: string) => void emitted.push(name),
    report: vi.fn(),
    loadBeacon: () => Promise.reject(new Error('no beacon in this test')),
  });
  return { ...fake, session, emitted };
}

describe('measure session', () => {
  it('counts one exposure per page view and experiment, and attributes a goal to it', () => {
    const { session, emitted, clock } = setup('granted');
    session.decision(decision('hero'));
    session.decision(decision('hero'));
    session.decision(decision('banner'));
    session.event({ id: 'p0', kind: 'page', name: 'page_view', t: clock.t, props: {} });
    expect(emitted).toEqual(['exposure']);
    session.event({ id: 'e1', kind: 'track', name: 'purchase', t: clock.t, props: { value: 9 } });
    expect(emitted).toEqual(['exposure', 'conversion']);
    const { ledger, page } = session.snapshot();
    expect(page.exposed.map((x) => x.slots)).toEqual([['hero', 'banner']]);
    expect(ledger.conversions).toEqual([
      { goal: 'buy', at: clock.t, value: 9, arms: [{ experiment: 'hero-test', arm: 'personalized' }] },
    ]);
    // The next page view (SPA) is a new exposure.
    session.event({ id: 'p1', kind: 'page', name: 'page_view', t: clock.t + 1, props: {} });
    session.decision(decision('hero'));
    expect(emitted).toEqual(['exposure', 'conversion', 'exposure']);
    expect(session.snapshot().ledger.exposures['hero-test']?.views).toBe(2);
  });

  it('keeps everything local without measurement consent: no event goes out', () => {
    const { session, emitted, clock } = setup('pending');
    session.decision(decision('hero'));
    session.event({ id: 'e1', kind: 'track', name: 'purchase', t: clock.t, props: { value: 9 } });
    expect(emitted).toEqual([]);
    expect(session.snapshot().ledger.goals).toEqual({ buy: { count: 1, value: 9 } });
  });

  it('erases a queue an earlier page left when measurement is denied', async () => {
    const fake = fakePlatform();
    await new Promise<void>((resolve) => {
      const r = fake.idb.open(BEACON_DB, 1);
      r.onupgradeneeded = () => r.result.createObjectStore('reports', { keyPath: 'id' });
      r.onsuccess = () => {
        r.result.close();
        resolve();
      };
    });
    startMeasure({
      config: CONFIG_DEFAULTS as EdgesegConfig,
      platform: fake.platform,
      consent: () => ({ personalization: 'granted', measurement: 'denied' }),
      store: () => null,
      bundle: () => null,
      assignment: () => unassigned(''),
      emit: () => {},
      report: () => {},
      loadBeacon: () => Promise.reject(new Error('unused')),
    });
    await vi.waitFor(async () => expect((await fake.idb.databases()).map((d) => d.name)).not.toContain(BEACON_DB));
  });

  it('starts the beacon with the page under measurement consent, and hands it the reports closed before it arrived', async () => {
    const fake = fakePlatform();
    const added: string[] = [];
    let arrive: (chunk: { start(): object }) => void = () => {};
    const loadBeacon = vi.fn(() => new Promise<{ start(): object }>((resolve) => (arrive = resolve)));
    const session = startMeasure(beaconHost(fake.platform, { loadBeacon: loadBeacon as never }));
    // Before any exposure: earlier pages' queue must go out even from a page with no experiment.
    expect(loadBeacon).toHaveBeenCalledTimes(1);
    const t = fake.clock.t;
    session.event({ id: 'p0', kind: 'page', name: 'page_view', t, props: {} });
    session.decision(decision('hero'));
    // An SPA page view closes the report while the chunk is still on its way.
    session.event({ id: 'p1', kind: 'page', name: 'page_view', t: t + 1, props: {} });
    arrive({
      start: () => ({
        add: (r: { arms: { exposed: boolean }[] }) => added.push(JSON.stringify(r.arms)),
        hold: () => {},
        flush: () => {},
        purge: async () => {},
        stop: () => {},
      }),
    });
    await vi.waitFor(() =>
      expect(added).toEqual([JSON.stringify([{ experiment: 'hero-test', arm: 'personalized', exposed: true }])]),
    );
  });

  it('adds the distance band of the model assignment to the report when the bundle has the quantiles, and nothing otherwise', async () => {
    const fake = fakePlatform();
    const bundle = structuredClone(pagesExperiment) as unknown as Bundle;
    bundle.segments[1]!.distanceQuantiles = { p50: 1, p90: 2, p99: 4 };
    let current: Assignment = {
      ...unassigned(''),
      id: 'shopper',
      label: 'Shopper',
      source: 'model',
      bundleVersion: bundle.version,
      distances: { visitor: 3, shopper: 2.5, reader: 4 },
    };
    const added: PageViewReport[] = [];
    const session = startMeasure(
      beaconHost(fake.platform, {
        bundle: () => bundle,
        assignment: () => current,
        loadBeacon: async () => ({
          start: () => ({
            add: (r) => void added.push(r),
            hold: () => {},
            flush: () => {},
            purge: async () => {},
            stop: () => {},
          }),
        }),
      }),
    );
    await vi.waitFor(() => expect(session.snapshot()).toBeTruthy());
    await Promise.resolve();
    const view = (t: number): void => session.event({ id: `p${t}`, kind: 'page', name: 'page_view', t, props: {} });
    const t = fake.clock.t;
    view(t);
    session.decision({ ...decision('hero'), bundleVersion: bundle.version });
    view(t + 1);
    // 2.5 is beyond p90 (2), within p99 (4): band 2.
    await vi.waitFor(() => expect(added.map((r) => r.distanceBand)).toEqual([2]));
    // Exactly at a quantile is within it; beyond p99 is band 3; at or below p50 band 0.
    for (const [distance, band] of [
      [2, 1],
      [4.01, 3],
      [1, 0],
    ] as const) {
      current = { ...current, distances: { ...current.distances, shopper: distance } };
      session.decision({ ...decision('hero'), bundleVersion: bundle.version });
      view(fake.clock.t + added.length + 1);
      expect(added.at(-1)?.distanceBand).toBe(band);
    }
    // A rule's assignment, a segment without quantiles, another segment than the report's: no band.
    for (const patch of [{ source: 'rule' }, { id: 'reader' }, { bundleVersion: bundle.version - 1 }] as const) {
      current = { ...current, id: 'shopper', source: 'model', bundleVersion: bundle.version, ...patch };
      session.decision({ ...decision('hero'), bundleVersion: bundle.version });
      view(fake.clock.t + added.length + 1);
      expect(added.at(-1)).not.toHaveProperty('distanceBand');
    }
  });
});
