import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { startDemo } from './demo-server';
// @ts-expect-error: a demo script (JavaScript), typed by its JSDoc
import { demoPlan, simulate } from '../../demo/simulate.mjs';

// The demo's traffic simulator (demo/simulate.mjs) against `npm run demo`'s server: real
// Chromium visitors from the UCI sessions, reports to the demo's collector, read back by
// `edgeseg report`.
let demo: ChildProcess;
let url = '';
const collected = mkdtempSync(join(tmpdir(), 'edgeseg-simulate-'));
const SEED = 1;
const VISITORS = 12;

type Result = { planned: string; segment: string | null; arm: string | null; converted: boolean; error?: string };
type Report = {
  type: string;
  segment: string | null;
  arms: { arm: string }[];
  goals: { goal: string; converted: boolean }[];
};
const reports = (): Report[] =>
  readdirSync(collected)
    .filter((f) => f.endsWith('.ndjson'))
    .flatMap((f) =>
      readFileSync(join(collected, f), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Report),
    );

beforeAll(async () => {
  ({ process: demo, url } = await startDemo(collected));
});
afterAll(() => {
  demo?.kill();
  rmSync(collected, { recursive: true, force: true });
});

it('plans the same visitors for the same seed, from the segments and purchase rates of the UCI data', async () => {
  const bundle = await (await fetch(`${url}/segments/bundle.json`)).json();
  const plan = demoPlan({ seed: SEED, visitors: VISITORS, bundle });
  expect(demoPlan({ seed: SEED, visitors: VISITORS, bundle })).toEqual(plan);
  expect(demoPlan({ seed: SEED + 1, visitors: VISITORS, bundle }).visitors).not.toEqual(plan.visitors);
  // Each segment's purchase rate is its sessions' Revenue share (edgeseg train --outcome Revenue says the same).
  const rates = Object.fromEntries(
    (plan.segments as { id: string; purchaseRate: number }[]).map((s) => [s.id, +s.purchaseRate.toFixed(3)]),
  );
  expect(rates).toEqual({ shopper: 0.117, member: 0.201, researcher: 0.238, newcomer: 0.03 });
  expect(new Set(plan.visitors.map((v: { key: string }) => v.key)).size).toBe(VISITORS);
});

it(
  'Chromium visitors browse the shop: the collector gets their page views per arm and segment, and edgeseg report has both arms',
  { timeout: 120_000 },
  async () => {
    if (!existsSync(process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium')) throw new Error('Chromium is missing');
    const lines: string[] = [];
    // The personalized arm buys ×3 here (lift 2), so this seed's 12 visitors include a buyer in an arm.
    const run = await simulate({
      url,
      visitors: VISITORS,
      seed: SEED,
      parallel: 3,
      maxPages: 6,
      lift: 2,
      out: collected,
      log: (l: string) => lines.push(l),
    });
    const results = run.results as Result[];
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(lines.at(-1)).toMatch(
      /^simulate: done in \d+ s; reports in .*events-\*\.ndjson, outcomes in .*simulation\.json$/,
    );
    // The SDK in the page mostly puts the visitor in the segment whose session it replayed
    // (not always: its assignment is sticky, and the first pages may have pointed elsewhere).
    expect(results.every((r) => r.segment !== null)).toBe(true);
    expect(results.filter((r) => r.segment === r.planned).length).toBeGreaterThanOrEqual(8);
    // The seed's visitor keys fall into both arms of the offer test.
    const arms = new Set(results.map((r) => r.arm));
    expect(arms.has('control') && arms.has('personalized')).toBe(true);
    // Every purchase by a visitor in the experiment arrives as one converted page view
    // (sendBeacon on the way out); visitors of a segment without an offer variant are in no arm.
    const buyers = results.filter((r) => r.converted && r.arm !== null).length;
    expect(buyers).toBeGreaterThan(0);
    await expect
      .poll(() => reports().filter((r) => r.goals.some((g) => g.goal === 'purchase' && g.converted)).length, {
        timeout: 15_000,
      })
      .toBe(buyers);
    const seen = reports();
    expect(seen.every((r) => r.type === 'page_view')).toBe(true);
    const cells = new Set(seen.flatMap((r) => r.arms.map((a) => `${a.arm}|${r.segment}`)));
    for (const r of results.filter((x) => x.arm === 'control' || x.arm === 'personalized'))
      expect(cells.has(`${r.arm}|${r.segment}`), `${r.arm}|${r.segment}`).toBe(true);
    const out: string[] = [];
    expect(await main(['report', collected, '--json'], (l) => out.push(l))).toBe(0);
    const report = JSON.parse(out.join('\n')) as { rows: { arm: string; segment: string; views: number }[] };
    for (const arm of ['control', 'personalized'])
      expect(
        report.rows.some((r) => r.arm === arm && r.segment === '*' && r.views > 0),
        arm,
      ).toBe(true);
  },
);
