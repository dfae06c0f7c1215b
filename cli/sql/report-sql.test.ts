// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main';
import type { ReportRow, ReportTable } from '../report/build-report';
import { seededRandom } from '../train/random';
import { reportSql } from './report-sql';

/** The collector's schema as a DuckDB column list (docs/report.md, "Warehouse SQL"). */
const COLUMNS = `{id: 'VARCHAR', type: 'VARCHAR', hour: 'VARCHAR', device: 'VARCHAR', bundleVersion: 'BIGINT',
  segment: 'VARCHAR', arms: 'STRUCT(experiment VARCHAR, arm VARCHAR, exposed BOOLEAN)[]',
  goals: 'STRUCT(goal VARCHAR, converted BOOLEAN, count BIGINT, value DOUBLE)[]', rr: 'STRUCT(epsilon DOUBLE)',
  vitals: 'STRUCT(lcp DOUBLE, cls DOUBLE, inp DOUBLE)', receivedAt: 'VARCHAR'}`;

/** A fixture with every case the report distinguishes: segments and none, exposed or not, randomized (two ε), values, two experiments. */
function fixture(n: number): string {
  const random = seededRandom(7);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const arm = ['control', 'personalized', 'bold'][Math.floor(random() * 3)] as string;
    const segment = ['shopper', 'reader', null][Math.floor(random() * 3)] ?? null;
    // Readers' reports are randomized (two ε), the others exact: both paths of the report.
    const epsilon = segment === 'reader' ? (random() < 0.5 ? 1 : 2) : undefined;
    const bought = random() < (arm === 'control' ? 0.05 : 0.08);
    lines.push(
      JSON.stringify({
        id: `f${String(i).padStart(9, '0')}`,
        type: 'page_view',
        hour: `2026-12-0${1 + (i % 3)}T10`,
        device: 'mobile',
        bundleVersion: 1,
        segment,
        arms: [
          { experiment: 'offer', arm, exposed: random() < 0.7 },
          ...(random() < 0.5
            ? [{ experiment: 'hero', arm: random() < 0.5 ? 'control' : 'personalized', exposed: true }]
            : []),
        ],
        goals: [
          epsilon
            ? { goal: 'purchase', converted: random() < 0.7 ? bought : !bought }
            : {
                goal: 'purchase',
                converted: bought,
                ...(bought ? { count: 1, value: Math.round(random() * 10000) / 100 } : {}),
              },
          ...(random() < 0.9 ? [{ goal: 'cart', converted: random() < 0.2 }] : []),
        ],
        ...(epsilon ? { rr: { epsilon } } : {}),
        receivedAt: '2026-12-02T04:31:07.530Z',
      }),
    );
  }
  return lines.join('\n') + '\n';
}

let dir = '';
let file = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'edgeseg-sql-'));
  file = join(dir, 'events-2026-12-02.ndjson');
  writeFileSync(file, fixture(3000));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function jsReport(...flags: string[]): Promise<ReportTable> {
  const out: string[] = [];
  expect(await main(['report', file, '--json', ...flags], (l) => out.push(l))).toBe(0);
  return JSON.parse(out.join('\n'));
}

async function duckdbRows(scope: 'exposed' | 'all'): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(
    `CREATE TABLE events AS SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = ${COLUMNS})`,
  );
  const result = await connection.runAndReadAll(
    reportSql({ dialect: 'duckdb', table: 'events', scope, confidence: 0.95 }),
  );
  const rows = result.getRowObjectsJS() as Record<string, unknown>[];
  connection.closeSync();
  instance.closeSync();
  return rows;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

describe('edgeseg sql report', () => {
  for (const scope of ['exposed', 'all'] as const) {
    it(`DuckDB running the generated SQL gives the JS report's rows (views ${scope}): counts exact, rates to 1e-9`, async () => {
      const js = await jsReport('--views', scope);
      const sql = await duckdbRows(scope);
      expect(sql).toHaveLength(js.rows.length);
      expect(js.rows.some((r) => r.debiased) && js.rows.some((r) => !r.debiased && r.uplift)).toBe(true);
      const key = (r: { experiment: unknown; arm: unknown; segment: unknown; goal: unknown }) =>
        `${r.experiment}|${r.arm}|${r.segment}|${r.goal}`;
      const byKey = new Map(sql.map((r) => [key(r as never), r]));
      for (const row of js.rows as ReportRow[]) {
        const s = byKey.get(key(row))!;
        expect(s, key(row)).toBeDefined();
        expect([num(s.views), num(s.randomized_views), num(s.conversions), s.debiased]).toEqual([
          row.views,
          row.randomizedViews,
          row.conversions,
          row.debiased,
        ]);
        const close = (a: unknown, b: number | null | undefined) =>
          b === null || b === undefined ? expect(num(a)).toBeNull() : expect(Math.abs(num(a)! - b)).toBeLessThan(1e-9);
        close(s.estimated_conversions, row.estimatedConversions);
        close(s.rate, row.rate);
        close(s.rate_low, row.rateLow);
        close(s.rate_high, row.rateHigh);
        close(s.value_per_view, row.valuePerView);
        close(s.uplift, row.uplift?.diff);
        close(s.uplift_low, row.uplift?.low);
        close(s.uplift_high, row.uplift?.high);
        expect(s.uplift_method ?? null).toBe(row.uplift?.method ?? null);
      }
    });
  }

  for (const dialect of ['bigquery', 'spark'] as const) {
    it(`matches the golden ${dialect} SQL (test/sql/report.${dialect}.sql)`, async () => {
      const out: string[] = [];
      expect(await main(['sql', 'report', '--dialect', dialect], (l) => out.push(l))).toBe(0);
      const golden = join(__dirname, '../../test/sql', `report.${dialect}.sql`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, `${out.join('\n')}\n`);
      expect(`${out.join('\n')}\n`).toBe(readFileSync(golden, 'utf8'));
    });
  }

  it('refuses an unknown dialect or table name', async () => {
    const err: string[] = [];
    expect(
      await main(
        ['sql', 'report', '--dialect', 'oracle'],
        () => {},
        (l) => err.push(l),
      ),
    ).toBe(1);
    expect(err.join('\n')).toMatch(/--dialect must be one of bigquery, spark, duckdb/);
    expect(
      await main(
        ['sql', 'report', '--dialect', 'spark', '--table', 'x; drop'],
        () => {},
        () => {},
      ),
    ).toBe(2);
  });
});
