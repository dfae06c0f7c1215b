// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../main';
import type { ReportTable } from './build-report';
import { buildDrift, DRIFT_THRESHOLD, type BandTally } from './drift';
import { wilson, zFor } from './stats';

const Z = zFor(0.95);
const tally = (version: number | null, segments: Record<string, number[]>): BandTally =>
  new Map([[version, new Map(Object.entries(segments))]]);

describe('buildDrift', () => {
  it('gives the share of page views beyond the training p90 (bands 2 and 3) and p99 (band 3) with Wilson intervals', () => {
    const drift = buildDrift(tally(3, { shopper: [500, 400, 90, 10], reader: [30, 40, 20, 10] }), Z, '*')!;
    expect(drift.bundleVersion).toBe(3);
    expect(drift.rows.map((r) => r.segment)).toEqual(['*', 'reader', 'shopper']);
    const shopper = drift.rows[2]!;
    expect(shopper).toMatchObject({ views: 1000, bands: [500, 400, 90, 10], beyondP90: 0.1, beyondP99: 0.01 });
    expect([shopper.beyondP90Low, shopper.beyondP90High]).toEqual(Object.values(wilson(100, 1000, Z)));
    expect([shopper.beyondP99Low, shopper.beyondP99High]).toEqual(Object.values(wilson(10, 1000, Z)));
    // As trained: fits. The reader segment, 30% beyond p90 of 100 views, is sure to be above 15%: retrain.
    expect(shopper.retrain).toBe(false);
    expect(drift.rows[1]).toMatchObject({ beyondP90: 0.3, beyondP99: 0.1, retrain: true });
    expect(drift.rows[0]).toMatchObject({ views: 1100, bands: [530, 440, 110, 20] });
    expect(drift.retrain).toBe(true);
  });

  it('recommends a retrain only when the lower bound of the share beyond p90 is above the threshold', () => {
    // 20% beyond p90 of 100 page views: the interval still reaches below 15%; of 1000, it does not.
    const few = buildDrift(tally(1, { s: [50, 30, 15, 5] }), Z, '*')!;
    expect(few.rows[1]!.beyondP90Low).toBeLessThan(DRIFT_THRESHOLD);
    expect(few.retrain).toBe(false);
    const many = buildDrift(tally(1, { s: [500, 300, 150, 50] }), Z, '*')!;
    expect(many.rows[1]!.beyondP90Low).toBeGreaterThan(DRIFT_THRESHOLD);
    expect(many.retrain).toBe(true);
    // Far out beyond p99 but not beyond p90 in share: the signal is about p90.
    expect(buildDrift(tally(1, { s: [900, 0, 0, 100] }), Z, '*')!.retrain).toBe(false);
  });

  it('measures the newest bundle version only, and is null without bands', () => {
    const bands: BandTally = new Map([
      [2, new Map([['old', [0, 0, 0, 100]]])],
      [10, new Map([['new', [5, 4, 1, 0]]])],
      [null, new Map([['x', [0, 0, 0, 9]]])],
    ]);
    const drift = buildDrift(bands, Z, '*')!;
    expect(drift.bundleVersion).toBe(10);
    expect(drift.rows.map((r) => r.segment)).toEqual(['*', 'new']);
    expect(drift.retrain).toBe(false);
    expect(buildDrift(new Map(), Z, '*')).toBeNull();
  });
});

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

let seq = 0;
/** n page views of a segment in one band (exposed, or only carrying an arm). */
const views = (segment: string, band: number | undefined, n: number, exposed = true) =>
  Array.from({ length: n }, () =>
    JSON.stringify({
      id: `d${String(seq++).padStart(10, '0')}`,
      type: 'page_view',
      hour: '2026-12-02T04',
      device: 'desktop',
      bundleVersion: 4,
      segment,
      arms: [{ experiment: 'offer', arm: seq % 2 ? 'control' : 'personalized', exposed }],
      goals: [{ goal: 'purchase', converted: false }],
      ...(band === undefined ? {} : { distanceBand: band }),
    }),
  );

async function run(...argv: string[]): Promise<string> {
  const out: string[] = [];
  expect(await main(['report', dir, ...argv], (l) => out.push(l))).toBe(0);
  return out.join('\n');
}

describe('edgeseg report: drift', () => {
  it('counts the bands of exposed page views per segment and says "retrain" in the table, JSON and CSV', async () => {
    dir = mkdtempSync(join(tmpdir(), 'edgeseg-drift-'));
    writeFileSync(
      join(dir, 'events-2026-12-02.ndjson'),
      [
        // Shoppers as in training (50/40/9/1 %), readers far out (40% beyond p90).
        ...[0, 1, 2, 3].flatMap((band) => views('shopper', band, [100, 80, 18, 2][band]!)),
        ...[0, 1, 2, 3].flatMap((band) => views('reader', band, [60, 60, 50, 30][band]!)),
        // Not counted: a later report of a page view (nothing exposed), and reports without a band.
        ...views('shopper', 3, 50, false),
        ...views('shopper', undefined, 10),
        // Not a band: an invalid report.
        ...views('shopper', 4, 1),
      ].join('\n') + '\n',
    );
    const table = JSON.parse(await run('--json')) as ReportTable;
    expect(table.input.invalid).toBe(1);
    expect(table.drift?.rows.map((r) => [r.segment, r.views, r.bands, r.retrain])).toEqual([
      ['*', 400, [160, 140, 68, 32], true],
      ['reader', 200, [60, 60, 50, 30], true],
      ['shopper', 200, [100, 80, 18, 2], false],
    ]);
    const text = await run();
    expect(text).toMatch(/drift \(bundle v4\)/);
    expect(text).toMatch(/^reader +200 +60 +60 +50 +30 +40\.0% +\[\d+\.\d%, \d+\.\d%\] +15\.0% .* RETRAIN$/m);
    expect(text).toMatch(/^shopper +200 .* fits$/m);
    expect(text).toMatch(/^RETRAIN RECOMMENDED: .*\(all segments, reader\)$/m);
    const csv = (await run('--csv')).split('\n');
    expect(csv[0]).toMatch(/,drift_views,beyond_p90,beyond_p90_low,beyond_p90_high,beyond_p99,retrain$/);
    const reader = csv.find((l) => l.startsWith('offer,control,reader,'))!;
    expect(reader).toMatch(/,200,0\.4,[\d.]+,[\d.]+,0\.15,yes$/);
  });

  it('says the segments still fit when no segment drifted', async () => {
    dir = mkdtempSync(join(tmpdir(), 'edgeseg-drift-'));
    writeFileSync(
      join(dir, 'events-2026-12-02.ndjson'),
      [0, 1, 2, 3].flatMap((band) => views('shopper', band, [100, 80, 18, 2][band]!)).join('\n') + '\n',
    );
    expect(await run()).toMatch(/^Segments still fit/m);
  });
});
