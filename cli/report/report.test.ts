// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../main';
import { report } from '../commands/report';
import { truthProbability } from '../../src/measure/randomized-response';
import type { ReportTable } from './build-report';
import { seededRandom } from '../train/random';
import { newcomb, zFor } from './stats';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

let seq = 0;
const view = (arm: string, segment: string | null, converted: boolean, extra: Record<string, unknown> = {}) => ({
  id: `r${String(seq++).padStart(10, '0')}`,
  type: 'page_view',
  hour: '2026-12-02T04',
  device: 'desktop',
  bundleVersion: 3,
  segment,
  arms: [{ experiment: 'offer', arm, exposed: true }],
  goals: [{ goal: 'purchase', converted, ...(converted ? { count: 1, value: 10 } : {}) }],
  receivedAt: '2026-12-02T04:31:07.530Z',
  ...extra,
});

/** n page views of an arm and segment, the first `x` converted. */
const views = (arm: string, segment: string | null, n: number, x: number) =>
  Array.from({ length: n }, (_, i) => view(arm, segment, i < x));

function write(name: string, lines: (object | string)[]): string {
  dir ||= mkdtempSync(join(tmpdir(), 'edgeseg-report-'));
  const file = join(dir, name);
  writeFileSync(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return file;
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    ['report', ...argv],
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const json = async (...argv: string[]): Promise<ReportTable> => JSON.parse((await run(...argv, '--json')).out);

describe('edgeseg report', () => {
  it('counts views and conversions per arm and segment and computes Newcomb uplift over control', async () => {
    write('events-2026-12-02.ndjson', [
      ...views('control', 'shopper', 200, 20),
      ...views('personalized', 'shopper', 200, 36),
      ...views('control', 'reader', 100, 5),
      ...views('personalized', 'reader', 100, 4),
    ]);
    const r = await json(dir);
    expect(r.input).toMatchObject({ reports: 600, malformed: 0, invalid: 0, wrongVersion: 0, duplicates: 0 });
    const row = (arm: string, segment: string) => r.rows.find((x) => x.arm === arm && x.segment === segment)!;
    expect(row('personalized', 'shopper')).toMatchObject({ views: 200, conversions: 36, rate: 0.18, debiased: false });
    expect(row('personalized', 'shopper').valuePerView).toBeCloseTo(1.8, 12);
    const { low, high } = newcomb(36, 200, 20, 200, zFor(0.95));
    expect(row('personalized', 'shopper').uplift).toMatchObject({ method: 'newcomb-wilson', low, high });
    expect(row('personalized', 'shopper').uplift!.diff).toBeCloseTo(0.08, 12);
    expect(row('personalized', 'shopper').valueUplift!.method).toBe('welch');
    expect(row('control', 'shopper').uplift).toBeNull();
    // The all-segments row sums the segments.
    expect(row('personalized', '*')).toMatchObject({ views: 300, conversions: 40 });
    expect(r.srm[0]).toMatchObject({ experiment: 'offer', weights: 'assumed equal', mismatch: false });
    expect(r.days).toEqual([
      { day: '2026-12-02', segment: 'reader', views: 200 },
      { day: '2026-12-02', segment: 'shopper', views: 400 },
    ]);
  });

  it('counts malformed lines, invalid reports, other versions and duplicates, reads payload lines, and still reports', async () => {
    const dup = view('control', 'a', true);
    write('events-2026-12-02.ndjson', [
      dup,
      dup,
      'not json {',
      '[1,2]',
      { format: 'edgeseg-events/2', sentAt: 'x', events: [view('control', 'a', false)] },
      { format: 'edgeseg-events/1', sentAt: 'x', events: [view('personalized', 'a', true), { id: 'broken' }] },
      { ...view('control', 'a', false), arms: [] },
      '{"id":"torn-last-li',
    ]);
    const { code, out } = await run(dir);
    expect(code).toBe(0);
    expect(out).toMatch(
      /skipped: 3 malformed line\(s\), 2 invalid report\(s\), 1 line\(s\) of another format version, 1 duplicate id\(s\)/,
    );
    expect(out).toMatch(/events-2026-12-02\.ndjson:3: not a JSON object/);
    expect(out).toMatch(/format "edgeseg-events\/2" is not edgeseg-events\/1/);
    const r = await json(dir);
    expect(r.input).toMatchObject({ lines: 8, reports: 2, malformed: 3, invalid: 2, wrongVersion: 1, duplicates: 1 });
  });

  it('flags a sample ratio mismatch against equal weights and accepts the same counts under the bundle weights', async () => {
    write('events-2026-12-02.ndjson', [...views('control', 's', 500, 0), ...views('personalized', 's', 400, 0)]);
    const equal = await json(dir);
    expect(equal.srm[0]).toMatchObject({ mismatch: true, weights: 'assumed equal', df: 1 });
    expect((await run(dir)).out).toMatch(/SAMPLE RATIO MISMATCH/);
    const bundle = write('bundle.json', [
      {
        experiments: [
          {
            id: 'offer',
            arms: [
              { id: 'control', weight: 5 },
              { id: 'personalized', weight: 4 },
            ],
          },
        ],
      },
    ]);
    const weighted = await json(dir, '--bundle', bundle);
    expect(weighted.srm[0]).toMatchObject({ mismatch: false, weights: 'bundle', chi2: 0 });
  });

  it('de-biases randomized-response conversions and recovers the true rates', async () => {
    const epsilon = 1;
    const p = truthProbability(epsilon);
    const draw = seededRandom(42);
    const lines = [];
    for (const [arm, truth] of [
      ['control', 0.1],
      ['personalized', 0.25],
    ] as const) {
      for (let i = 0; i < 20_000; i++) {
        const converted = draw() < truth;
        const reported = draw() < p ? converted : !converted;
        lines.push({ ...view(arm, 's', false), goals: [{ goal: 'purchase', converted: reported }], rr: { epsilon } });
      }
    }
    write('events-2026-12-02.ndjson', lines);
    const r = await json(dir);
    const row = (arm: string) => r.rows.find((x) => x.arm === arm && x.segment === 's')!;
    expect(row('control').debiased).toBe(true);
    expect(Math.abs(row('control').rate - 0.1)).toBeLessThan(0.015);
    expect(Math.abs(row('personalized').rate - 0.25)).toBeLessThan(0.015);
    // The reported (noisy) rate is far from the truth: de-biasing is what recovers it.
    expect(Math.abs(row('control').conversions / 20_000 - 0.1)).toBeGreaterThan(0.1);
    const u = row('personalized').uplift!;
    expect(u.method).toBe('wald-debiased');
    expect(u.low).toBeLessThan(0.15);
    expect(u.high).toBeGreaterThan(0.15);
    expect(row('personalized').valuePerView).toBeNull();
  });

  it('gives guardrail vitals p75 per arm, CSV rows, --views all, and a progress bar only on a terminal', async () => {
    write('events-2026-12-02.ndjson', [
      ...[100, 200, 300, 400].map((lcp) =>
        view('control', 's', false, { vitals: { lcp, cls: lcp / 1000, inp: lcp / 10 } }),
      ),
      view('personalized', 's', false, { vitals: { lcp: 900 } }),
      { ...view('personalized', 's', true), arms: [{ experiment: 'offer', arm: 'personalized', exposed: false }] },
    ]);
    const r = await json(dir);
    expect(r.vitals).toEqual([
      { experiment: 'offer', arm: 'control', samples: 4, lcpP75: 300, clsP75: 0.3, inpP75: 30 },
      { experiment: 'offer', arm: 'personalized', samples: 1, lcpP75: 900, clsP75: null, inpP75: null },
    ]);
    expect(r.rows.find((x) => x.arm === 'personalized' && x.segment === 's')).toMatchObject({
      views: 1,
      conversions: 0,
    });
    const all = await json(dir, '--views', 'all');
    expect(all.rows.find((x) => x.arm === 'personalized' && x.segment === 's')).toMatchObject({
      views: 2,
      conversions: 1,
    });

    const csv = (await run(dir, '--csv')).out.split('\n');
    expect(csv[0]).toMatch(/^experiment,arm,segment,goal,views,conversions,rate,rate_low,rate_high,/);
    expect(csv).toHaveLength(1 + r.rows.length);

    const out = join(dir, 'report.json');
    const drawn: string[] = [];
    expect(
      await report([dir, '--json', '--out', out], () => {}, { isTTY: true, columns: 80, write: (t) => drawn.push(t) }),
    ).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe('edgeseg-report/1');
    expect(drawn.join('')).toMatch(/edgeseg report \[#+\] 100%/);
    const quiet: string[] = [];
    await report([dir, '--json', '--out', out], () => {}, { isTTY: false, write: (t) => quiet.push(t) });
    expect(quiet).toEqual([]);
  });

  it('refuses bad usage with the help', async () => {
    expect((await run()).code).toBe(2);
    write('x.ndjson', [view('control', 's', false)]);
    expect((await run(dir, '--views', 'some')).err).toMatch(/--views must be exposed or all/);
    expect((await run(dir, '--json', '--csv')).code).toBe(2);
    // The training map belongs to the page, and colours by a bundle's segments.
    expect((await run(dir, '--training', 'rows.csv', '--spec', 's.json')).err).toMatch(
      /--training is for the --html page/,
    );
    expect((await run(dir, '--html', join(dir, 'r.html'), '--training', 'rows.csv')).err).toMatch(
      /--training needs --bundle/,
    );
  });
});
