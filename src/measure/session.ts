import { mergeSpecs } from '../decide/experiments';
import { parseMeasurement } from '../config/measurement-schema';
import { edgesegError } from '../lib/errors';
import { BEACON_DB } from '../store/beacon-db';
import { eventId } from '../lib/event-id';
import type { MeasurementConfig } from '../types/config';
import type { Goal } from '../types/experiment';
import type { Conversion, Exposure, PageViewReport, ReportGoal } from '../types/measure';
import type { Beacon, MeasureHost, MeasureSession } from './host';
import { deviceClass, hourBucket } from './device-class';
import { distanceBand } from './distance-band';
import {
  DEFAULT_ATTRIBUTION_DAYS,
  activeArms,
  asLedger,
  emptyLedger,
  noteConversion,
  noteExposure,
  reachedGoals,
  type Ledger,
} from './ledger';
import { pushDataLayer } from './outbound';

/** This page view: its exposures (once each), the goals reached since the last report. */
interface PageView {
  start: number;
  /** Id of the report of this page view (a new one after each report). */
  reportId: string;
  pageType: string | null;
  exposed: Map<string, Exposure>;
  /** Experiments exposed since the last report of this page view. */
  unreported: Set<string>;
  goals: Map<string, { count: number; value: number }>;
}

const newPage = (start: number, pageType: string | null = null): PageView => ({
  start,
  reportId: eventId(start),
  pageType,
  exposed: new Map(),
  unreported: new Set(),
  goals: new Map(),
});

/**
 * Starts measurement: exposures and conversions are kept locally (in the visitor store
 * with personalization consent, in memory otherwise) and leave the device only under
 * `measurement` consent, through `on('exposure'|'conversion')`, the GTM `dataLayer` and
 * the beacon. A QA preview (`?edgeseg_preview=`, `?edgeseg_arm=`) is never counted.
 */
export function startMeasure(host: MeasureHost): MeasureSession {
  const { platform } = host;
  const checked = parseMeasurement(host.config.measurement);
  if (!checked.ok)
    host.report(edgesegError('config_invalid', `edgeseg: invalid config: ${checked.message}`, { path: checked.path }));
  const options: MeasurementConfig = checked.ok ? checked.value : {};
  const windowMs = (options.attributionDays ?? DEFAULT_ATTRIBUTION_DAYS) * 86_400_000;
  const search = platform.window?.location.search ?? '';
  const previewing = host.config.preview && /[?&]edgeseg_(preview|arm)=/.test(search);
  let ledger: Ledger = emptyLedger();
  /** The store the ledger was read from: a store opened later is read (and merged) once. */
  let readFrom: unknown = null;
  let page = newPage(platform.now());
  let firstPageView = true;
  let beacon: Beacon | null = null;
  let beaconLoading = false;
  /** Reports closed (an SPA page view) before the beacon chunk arrived: handed to it when it starts. */
  let early: PageViewReport[] = [];
  let stopped = false;

  const goals = (): Goal[] => mergeSpecs(host.bundle() ?? undefined, options).goals ?? [];
  const measuring = (): boolean => host.consent().measurement === 'granted' && !stopped;

  /** Reads the stored ledger once the store is there; what this page recorded meanwhile is kept on top. */
  async function sync(): Promise<void> {
    const store = host.store();
    if (!store || readFrom === store) return;
    readFrom = store;
    const stored = asLedger(await store.getKv('measure').catch(() => undefined));
    const mine = ledger;
    ledger = stored;
    for (const [id, e] of Object.entries(mine.exposures)) {
      const known = stored.exposures[id];
      if (known?.arm === e.arm) {
        known.last = Math.max(known.last, e.last);
        known.views += e.views;
      } else stored.exposures[id] = e;
    }
    for (const c of mine.conversions) noteConversion(stored, c.goal, c.at, c.value, c.arms);
  }

  function save(): void {
    void sync()
      .then(() => host.store()?.putKv('measure', ledger))
      .catch(() => {});
  }

  function ensureBeacon(): void {
    const b = options.beacon;
    if (!b || beacon || beaconLoading || !measuring()) return;
    beaconLoading = true;
    host
      .loadBeacon()
      .then((chunk) => {
        beaconLoading = false;
        if (!measuring() || beacon) return;
        beacon = chunk.start({
          url: b.url,
          batchSize: b.batchSize ?? 20,
          flushInterval: b.flushInterval ?? 10_000,
          maxQueue: b.maxQueue ?? 500,
          epsilon: b.epsilon,
          vitals: b.vitals ?? true,
          platform,
          closePage: () => report(),
          report: host.report,
        });
        for (const r of early.splice(0)) beacon.add(r);
        hold();
      })
      .catch((cause: unknown) => {
        beaconLoading = false;
        host.report(edgesegError('measure_unavailable', 'edgeseg: the beacon chunk could not be loaded', { cause }));
      });
  }

  function out(kind: 'exposure' | 'conversion', payload: Exposure | Conversion): void {
    if (!measuring()) return;
    if (kind === 'exposure') host.emit('exposure', payload as Exposure);
    else host.emit('conversion', payload as Conversion);
    if (options.dataLayer) pushDataLayer(platform.window, options.dataLayer, kind, payload);
    ensureBeacon();
  }

  /** The report of this page view so far, or `null` when the visitor is in no experiment (or previewing). */
  function current(now: number): PageViewReport | null {
    const arms = activeArms(ledger, now, windowMs).map((a) => ({ ...a, exposed: page.unreported.has(a.experiment) }));
    const reached: ReportGoal[] = goals().map((g) => {
      const hit = page.goals.get(g.id);
      return hit
        ? { goal: g.id, converted: true, count: hit.count, value: hit.value }
        : { goal: g.id, converted: false };
    });
    const first = [...page.exposed.values()][0];
    const bundle = host.bundle();
    if (!arms.length || previewing) return null;
    const segment = first?.segment ?? null;
    // The latest scoring of this page view: a returning visitor's first exposure may come from the cached assignment.
    const band = distanceBand(bundle, host.assignment(), segment);
    return {
      id: page.reportId,
      type: 'page_view',
      hour: hourBucket(page.start),
      device: deviceClass(platform.window),
      bundleVersion: first?.bundleVersion ?? bundle?.version ?? null,
      segment,
      arms,
      goals: reached,
      ...(band === undefined ? {} : { distanceBand: band }),
    };
  }

  /** Closes the report of this page view; the page view goes on with a new one. */
  function report(): PageViewReport | null {
    const now = platform.now();
    const r = current(now);
    page.unreported.clear();
    page.goals.clear();
    page.reportId = eventId(now);
    return r;
  }

  /** The open report changed: the beacon keeps it (only under measurement consent). */
  function hold(): void {
    const r = beacon && measuring() ? current(platform.now()) : null;
    if (r) beacon?.hold(r);
  }

  /** Measurement withdrawn or everything erased: the queue goes, whether this page started the beacon or an earlier one did. */
  function dropQueue(): void {
    const b = beacon;
    beacon = null;
    early = [];
    if (b) return void b.purge();
    try {
      platform.indexedDB()?.deleteDatabase(BEACON_DB);
    } catch {
      /* no IndexedDB: nothing was queued */
    }
  }
  // A withdrawal made while no page measured (another tab, a remembered denial): nothing stays queued.
  if (host.consent().measurement === 'denied') dropQueue();
  // Measuring already (a remembered grant): the beacon starts with the page, not at its first
  // exposure, so what earlier pages queued goes out even from a page with no experiment, and a
  // page left right after its first exposure finds the beacon listening for `pagehide`.
  ensureBeacon();

  function closePageView(): void {
    const r = report();
    if (!r || !measuring()) return;
    if (beacon) return beacon.add(r);
    if (!options.beacon) return;
    early.push(r);
    if (early.length > (options.beacon.maxQueue ?? 500)) early.shift();
  }

  return {
    decision(d) {
      const x = d.experiment;
      if (!x || d.reason === 'preview' || previewing || stopped) return;
      const seen = page.exposed.get(x.id);
      if (seen) {
        if (!seen.slots.includes(d.slot)) seen.slots.push(d.slot);
        return;
      }
      const now = platform.now();
      const exposure: Exposure = {
        id: eventId(now),
        experiment: x.id,
        arm: x.arm,
        segment: d.segment,
        slots: [d.slot],
        bundleVersion: d.bundleVersion,
        at: now,
      };
      page.exposed.set(x.id, exposure);
      page.unreported.add(x.id);
      noteExposure(ledger, x.id, x.arm, now);
      save();
      out('exposure', { ...exposure, slots: [d.slot] });
      hold();
    },
    event(e) {
      if (stopped) return;
      if (e.kind === 'page') {
        const type = typeof e.props['pageType'] === 'string' ? e.props['pageType'] : null;
        // The load's own page view may be recorded after the first slots rendered: it does not start a new one.
        if (firstPageView) {
          firstPageView = false;
          page.pageType = type;
          return;
        }
        closePageView();
        page = newPage(e.t, type);
        return;
      }
      for (const hit of reachedGoals(goals(), e, page.pageType)) {
        const arms = previewing ? [] : activeArms(ledger, e.t, windowMs);
        noteConversion(ledger, hit.goal, e.t, hit.value, arms);
        const total = page.goals.get(hit.goal) ?? { count: 0, value: 0 };
        total.count++;
        total.value += hit.value ?? 0;
        page.goals.set(hit.goal, total);
        save();
        const conversion: Conversion = { id: eventId(e.t), goal: hit.goal, arms, segment: null, at: e.t };
        const first = [...page.exposed.values()][0];
        conversion.segment = first?.segment ?? null;
        if (hit.value !== undefined) conversion.value = hit.value;
        out('conversion', conversion);
      }
      hold();
    },
    consent() {
      if (measuring()) return ensureBeacon();
      dropQueue();
    },
    forget() {
      ledger = emptyLedger();
      readFrom = null;
      page = newPage(platform.now(), page.pageType);
      dropQueue();
    },
    snapshot: () => ({ ledger, page: { exposed: [...page.exposed.values()] } }),
    stop() {
      stopped = true;
      beacon?.stop();
    },
  };
}
