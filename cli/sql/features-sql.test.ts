// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFeature } from '../../src/features/catalogue';
import { featureContext, pageGroupIndex } from '../../src/features/context';
import { reduceProfile } from '../../src/profile/reduce';
import type { Bundle } from '../../src/types/bundle';
import type { EdgesegEvent } from '../../src/types/event';
import { main } from '../main';
import { readEvents } from '../replay/read-events';
import { eventTable } from '../train/event-table';
import { seededRandom } from '../train/random';
import type { TrainingSpec } from '../train/training-spec';
import { featuresSql } from './features-sql';

const root = join(__dirname, '../..');
const UCI: TrainingSpec = JSON.parse(readFileSync(join(root, 'demo/segments/uci.spec.json'), 'utf8'));
const RFM: TrainingSpec = JSON.parse(readFileSync(join(root, 'demo/segments/rfm.spec.json'), 'utf8'));
const MIN = 60_000;
const DAY = 86_400_000;

/** Every session feature the SQL computes, on group and type keys, with the UCI spec's groups. */
const SESSIONS: TrainingSpec = {
  id: 'all-session-features',
  pageGroups: UCI.pageGroups!,
  sessionTimeoutMinutes: 30,
  features: [
    ...UCI.features,
    { name: 'session.pages' },
    { name: 'session.duration' },
    { name: 'session.pages.home' },
    { name: 'session.dwell.home' },
    { name: 'session.pages.other' },
    { name: 'session.dwell.product' },
    { name: 'session.cart_adds' },
    { name: 'session.purchases' },
  ],
};
/** Every visitor feature the SQL computes, at a time in the middle of the fixture. */
const VISITORS: TrainingSpec = {
  id: 'all-visitor-features',
  rows: 'visitors',
  asOf: '2024-03-20T12:00:00Z',
  features: [
    'purchases',
    'purchases_30d',
    'purchases_90d',
    'purchases_365d',
    'revenue',
    'aov',
    'refunds',
    'cart_adds',
    'checkouts',
    'days_since_last_purchase',
    'tenure_days',
  ].map((name) => ({ name })),
};

/**
 * Raw events with every case the reducer distinguishes: timeouts (and a gap of exactly
 * the timeout), pages kept apart longer than the timeout by clicks, scroll, engagement
 * and traits before a visit and after a timeout, campaigns (repeated, changed, partial),
 * missing and unknown page types, events at the same millisecond, commerce in several
 * currencies (valid, lower case, invalid, none), refunds, purchases months apart.
 */
function fixture(visitors: number): string {
  const random = seededRandom(11);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const lines: string[] = [];
  let id = 0;
  const types = ['account', 'login', 'faq', 'about', 'product', 'product', 'category', 'cart', 'home', '', null];
  for (let v = 0; v < visitors; v++) {
    const visitor = `v${String(v).padStart(3, '0')}`;
    let t = Date.UTC(2023, 9, 1) + Math.floor(random() * 200 * DAY);
    const add = (kind: string, name: string, props: Record<string, unknown>) =>
      lines.push(JSON.stringify({ visitor, id: `e${String(id++).padStart(6, '0')}`, kind, name, t, props }));
    if (random() < 0.3) add('identify', 'identify', { plan: 'pro' });
    if (random() < 0.2) add('track', 'engagement', { seconds: 4 });
    const n = 5 + Math.floor(random() * 40);
    for (let i = 0; i < n; i++) {
      const r = random();
      if (r < 0.03) t += 30 * MIN;
      else if (r < 0.12) t += (31 + Math.floor(random() * 60 * 24 * 20)) * MIN;
      else if (r < 0.17) t += 0;
      else t += Math.floor(random() * 400_000);
      const e = random();
      if (e < 0.45) {
        const type = pick(types);
        add('page', 'page_view', type === null ? {} : { pageType: type });
      } else if (e < 0.5 && t % 7 !== 0) {
        const campaign = pick([
          { utm_source: 'mail', utm_medium: 'email', utm_campaign: 'spring' },
          { utm_source: 'mail', utm_medium: 'email' },
          { utm_source: 'ads' },
        ]);
        // Never at the same millisecond as the previous event: which one opens the session would hang on file order.
        t += 1;
        add('page', 'page_view', { pageType: pick(['product', 'home']), ...campaign });
      } else if (e < 0.6) add('track', pick(['scroll', 'engagement']), { depth: 50, seconds: 3 });
      else if (e < 0.66) add('track', 'click', {});
      else if (e < 0.74) add('track', 'add_to_cart', { value: 12.5 });
      else if (e < 0.77) add('track', 'begin_checkout', {});
      else if (e < 0.87)
        add('track', 'purchase', {
          value: Math.round(random() * 50000) / 100,
          ...(random() < 0.8 ? { currency: pick(['EUR', 'eur', 'USD', 'EURO']) } : {}),
        });
      else if (e < 0.9) add('track', 'refund', { value: Math.round(random() * 3000) / 100, currency: 'EUR' });
      else if (e < 0.93) add('identify', 'identify', { plan: 'basic' });
      else add('page', 'page_view', { pageType: 'product' });
    }
  }
  return lines.join('\n') + '\n';
}

let dir = '';
let file = '';
let events: Map<string, EdgesegEvent[]>;
let instance: DuckDBInstance;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'edgeseg-features-sql-'));
  file = join(dir, 'events.ndjson');
  const text = fixture(120);
  writeFileSync(file, text);
  events = readEvents(text, false).visitors;
  instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // The documented events table (docs/cli.md "edgeseg sql features"), loaded from the same file `train` reads.
  await connection.run(`CREATE TABLE events AS SELECT * FROM read_json('${file}', format = 'newline_delimited',
    columns = {visitor: 'VARCHAR', id: 'VARCHAR', kind: 'VARCHAR', name: 'VARCHAR', t: 'BIGINT',
      props: 'STRUCT(pageType VARCHAR, utm_source VARCHAR, utm_medium VARCHAR, utm_campaign VARCHAR, value DOUBLE, currency VARCHAR)'})`);
  connection.closeSync();
});
afterAll(() => {
  instance?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

async function duckdb(spec: TrainingSpec): Promise<Record<string, unknown>[]> {
  const connection = await instance.connect();
  const result = await connection.runAndReadAll(featuresSql({ dialect: 'duckdb', table: 'events', spec }));
  connection.closeSync();
  return result.getRowObjectsJS() as Record<string, unknown>[];
}

const num = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));

/** Counts exactly, durations and money to 1e-9 (relative above 1). */
function expectSame(sql: unknown, js: number | undefined, what: string): void {
  if (js === undefined) return void expect(num(sql), what).toBeUndefined();
  if (Number.isInteger(js) && typeof sql !== 'number') return void expect(num(sql), what).toBe(js);
  expect(Math.abs(num(sql)! - js), `${what}: ${String(sql)} against ${js}`).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(js)),
  );
}

describe('edgeseg sql features', () => {
  for (const spec of [UCI, SESSIONS]) {
    it(`DuckDB running the generated SQL (${spec.id}) gives train's rows per session and the browser reducer's values`, async () => {
      const rows = await duckdb(spec);
      const timeout = (spec.sessionTimeoutMinutes ?? 30) * MIN;
      const groups = pageGroupIndex(spec.pageGroups);
      let checked = 0;
      for (const [visitor, list] of events) {
        const mine = rows.filter((r) => r['visitor'] === visitor);
        // The CLI's event table: `edgeseg train` on the same file.
        const table = eventTable(new Map([[visitor, list]]), spec).rows;
        expect(mine.length, visitor).toBe(table.length);
        mine.forEach((row, i) => {
          const end = Number(row['session_end']);
          // The browser's reducer, folding the visitor's events up to the session's last one.
          const profile = reduceProfile(
            null,
            list.filter((e) => e.t <= end),
            { sessionTimeout: timeout },
          );
          spec.features.forEach((f, j) => {
            const column = f.column ?? f.name;
            expectSame(row[column], table[i]!.cells[j] as number, `${visitor} session ${i + 1} ${f.name} (train)`);
            const browser = resolveFeature(f.name, profile, featureContext(end, groups));
            expectSame(row[column], browser, `${visitor} session ${i + 1} ${f.name} (reducer)`);
            checked++;
          });
        });
      }
      expect(rows.length).toBeGreaterThan(400);
      expect(checked).toBe(rows.length * spec.features.length);
    });
  }

  for (const spec of [RFM, VISITORS]) {
    it(`DuckDB running the generated SQL (${spec.id}) gives train's row per visitor and the browser reducer's values`, async () => {
      const rows = await duckdb(spec);
      const asOf = spec.asOf ? Date.parse(spec.asOf) : Math.max(...[...events.values()].flat().map((e) => e.t));
      const byVisitor = new Map(rows.map((r) => [r['visitor'], r]));
      const table = eventTable(events, spec).rows;
      const present = [...events].filter(([, list]) => list[0]!.t <= asOf);
      expect(rows.length).toBe(table.length);
      expect(rows.length).toBe(present.length);
      present.forEach(([visitor, list], i) => {
        const row = byVisitor.get(visitor)!;
        const profile = reduceProfile(
          null,
          list.filter((e) => e.t <= asOf),
          { sessionTimeout: 30 * MIN },
        );
        spec.features.forEach((f, j) => {
          const column = f.column ?? f.name;
          expectSame(row[column], table[i]!.cells[j] as number, `${visitor} ${f.name} (train)`);
          expectSame(
            row[column],
            resolveFeature(f.name, profile, featureContext(asOf, {})),
            `${visitor} ${f.name} (reducer)`,
          );
        });
      });
      // The fixture reaches the cases: other currencies, refunds, visitors without a purchase.
      expect(rows.some((r) => r['days_since_last_purchase'] === null || r['recency'] === null)).toBe(true);
    });
  }

  it('training on the SQL output gives the bundle training on the raw events gives', async () => {
    const rows = await duckdb(UCI);
    const columns = UCI.features.map((f) => f.column!);
    const csv = join(dir, 'features.csv');
    writeFileSync(csv, [columns.join(','), ...rows.map((r) => columns.map((c) => String(r[c])).join(','))].join('\n'));
    const train = async (input: string, out: string) =>
      expect(
        await main(
          [
            'train',
            '--input',
            input,
            '--spec',
            join(root, 'demo/segments/uci.spec.json'),
            '--k',
            '3',
            '--seed',
            '5',
            '--out',
            out,
            '--threads',
            '1',
          ],
          () => {},
        ),
      ).toBe(0);
    await train(file, join(dir, 'events.bundle.json'));
    await train(csv, join(dir, 'sql.bundle.json'));
    const read = (n: string) =>
      JSON.parse(readFileSync(join(dir, `${n}.bundle.json`), 'utf8')) as Bundle & { training: { rows: number } };
    const [a, b] = [read('events'), read('sql')];
    expect(b.training.rows).toBe(a.training.rows);
    expect(b.segments.map((s) => s.id)).toEqual(a.segments.map((s) => s.id));
    const centroids = (bundle: Bundle) => (bundle.model as { centroids: number[][] }).centroids;
    expect(centroids(a)).toHaveLength(3);
    centroids(b).forEach((row, i) =>
      row.forEach((x, j) => expect(Math.abs(x - centroids(a)[i]![j]!)).toBeLessThan(1e-9)),
    );
    b.features.forEach((f, j) => {
      const [x, y] = [f.scale, a.features[j]!.scale] as { mean: number; std: number }[];
      expect(Math.abs(x!.mean - y!.mean) + Math.abs(x!.std - y!.std)).toBeLessThan(1e-9);
    });
  });

  for (const dialect of ['bigquery', 'spark'] as const) {
    for (const name of ['uci', 'rfm'] as const) {
      it(`matches the golden ${dialect} SQL for demo/segments/${name}.spec.json (test/sql/features.${name}.${dialect}.sql)`, async () => {
        const out: string[] = [];
        const spec = join(root, `demo/segments/${name}.spec.json`);
        expect(await main(['sql', 'features', '--dialect', dialect, '--spec', spec], (l) => out.push(l))).toBe(0);
        const golden = join(root, 'test/sql', `features.${name}.${dialect}.sql`);
        if (process.env.UPDATE_GOLDEN) writeFileSync(golden, `${out.join('\n')}\n`);
        expect(`${out.join('\n')}\n`).toBe(readFileSync(golden, 'utf8'));
      });
    }
  }

  it('refuses features it does not compute, and columns it cannot name', () => {
    const sql = (spec: TrainingSpec) => () => featuresSql({ dialect: 'duckdb', table: 'events', spec });
    expect(sql({ features: [{ name: 'bounce_rate' }] })).toThrow(/feature bounce_rate: .*per session session\.pages/);
    expect(sql({ rows: 'visitors', features: [{ name: 'session.pages' }] })).toThrow(/per visitor .*purchases/);
    expect(sql({ features: [{ name: 'session.pages', column: 'session' }] })).toThrow(/not visitor, session/);
    expect(sql({ features: [{ name: 'session.pages', column: 'a"b' }] })).toThrow(/free of quotes/);
    expect(sql({ features: [{ name: "session.pages.it's" }] })).toThrow(/quotes and backslashes/);
  });
});
