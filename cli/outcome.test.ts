import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch } from '../test/helpers/run-cli';
import { dataFile } from '../scripts/data-files.mjs';
import { validateBundle } from '../src/bundle/validate-bundle';

const { dir, file, spec } = scratch('edgeseg-outcome-');
// 40 product-heavy rows (every other one bought) and 20 article-heavy rows (none bought, one unknown).
const input = file(
  'rows.csv',
  `products;articles;bought;spent\n${[
    ...Array.from({ length: 40 }, (_, i) => `${10 + (i % 5)};0;${i % 2 ? 'TRUE' : 'FALSE'};${i % 2 ? 40 + i : 0}`),
    ...Array.from({ length: 20 }, (_, i) => `0;${6 + (i % 3)};${i === 0 ? 'NA' : 'FALSE'};0`),
  ].join('\n')}\n`,
);

const run = runCli;

describe('--outcome', () => {
  it('train: the rate per segment with each segment share of rows, in the table and the bundle', async () => {
    const out = join(dir, 'b.json');
    const r = await run('train', '--input', input, '--spec', spec, '--k', '2', '--outcome', 'bought', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/segment\s+rows\s+share\s+bought \(rate\)\s+label/);
    expect(r.out).toMatch(/segment-1\s+40\s+66\.7%\s+50\.0%\s+Fewer session\.pages\.article: /);
    expect(r.out).toMatch(/segment-2\s+20\s+33\.3%\s+0\.0%\s+More session\.pages\.article: /);
    expect(r.out).toMatch(/all\s+60\s+100\.0%\s+33\.9%\s+\(1 rows without a value\)/);
    const bundle = JSON.parse(readFileSync(out, 'utf8'));
    expect(validateBundle(bundle).ok).toBe(true);
    expect(bundle.training.outcome).toEqual({
      column: 'bought',
      kind: 'rate',
      overall: 0.338983,
      missing: 1,
      segments: [
        { id: 'segment-1', rows: 40, share: 0.666667, value: 0.5, missing: 0 },
        { id: 'segment-2', rows: 20, share: 0.333333, value: 0, missing: 1 },
      ],
    });
  });

  it('a number column is a mean; an unknown column is named', async () => {
    const r = await run(
      'train',
      '--input',
      input,
      '--spec',
      spec,
      '--k',
      '2',
      '--outcome',
      'spent',
      '--out',
      join(dir, 'm.json'),
    );
    expect(r.out).toMatch(/spent \(mean\)/);
    expect(r.out).toMatch(/segment-1\s+40\s+66\.7%\s+30\.0\s/);
    const bad = await run(
      'train',
      '--input',
      input,
      '--spec',
      spec,
      '--outcome',
      'Revenue',
      '--out',
      join(dir, 'x.json'),
    );
    expect(bad.err).toMatch(
      /column "Revenue" \(the outcome\) is not in the input \(columns: products, articles, bought, spent\)/,
    );
  });

  it('inspect: the stored outcome, or one computed from the input by the SDK scorer, in the table and the plots', async () => {
    const bundle = join(dir, 'b.json');
    const stored = await run('inspect', bundle, '--svg-dir', join(dir, 'svg'));
    expect(stored.out).toMatch(/segment-1\s+40\s+66\.7%\s+50\.0%\s+Fewer session\.pages\.article: /);
    const profile = readFileSync(join(dir, 'svg/b.profile.svg'), 'utf8');
    expect(profile).toContain('66.7% of rows');
    expect(profile).toContain('bought 50.0%');
    const computed = await run(
      'inspect',
      bundle,
      '--input',
      input,
      '--spec',
      spec,
      '--outcome',
      'spent',
      '--svg-dir',
      join(dir, 'svg'),
    );
    expect(computed.code).toBe(0);
    expect(computed.out).toMatch(/spent \(mean\)/);
    expect(readFileSync(join(dir, 'svg/b.pca.svg'), 'utf8')).toMatch(
      /Fewer session\.pages\.article · 66\.7% of rows · spent 30\.0/,
    );
    const missing = await run('inspect', bundle, '--outcome', 'spent');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--outcome spent needs --input and --spec/);
  });

  it('raw events: the outcome is a catalogue value at each row', async () => {
    const events = Array.from({ length: 12 }, (_, v) => [
      {
        visitor: `v${v}`,
        kind: 'page',
        name: 'page_view',
        t: 1e12,
        props: { pageType: v % 2 ? 'product' : 'article' },
      },
      {
        visitor: `v${v}`,
        kind: 'page',
        name: 'page_view',
        t: 1e12 + 1000,
        props: { pageType: v % 2 ? 'product' : 'article' },
      },
      ...(v % 2
        ? [{ visitor: `v${v}`, kind: 'track', name: 'purchase', t: 1e12 + 2000, props: { value: 10, currency: 'EUR' } }]
        : []),
    ])
      .flat()
      .map((e) => JSON.stringify(e))
      .join('\n');
    const r = await run(
      'train',
      '--input',
      file('events.ndjson', events),
      '--spec',
      spec,
      '--k',
      '2',
      '--outcome',
      'purchases',
      '--out',
      join(dir, 'e.json'),
    );
    expect(r.code).toBe(0);
    expect(
      JSON.parse(readFileSync(join(dir, 'e.json'), 'utf8'))
        .training.outcome.segments.map((s: { value: number }) => s.value)
        .sort(),
    ).toEqual([0, 1]);
    expect(
      (
        await run(
          'train',
          '--input',
          join(dir, 'events.ndjson'),
          '--spec',
          spec,
          '--outcome',
          'Revenue',
          '--out',
          join(dir, 'x.json'),
        )
      ).err,
    ).toMatch(/with raw events, the outcome is a catalogue feature/);
  });

  const uci = dataFile('online_shoppers_intention.csv');
  it('on the UCI sessions: which segment buys (1,908 purchases in 12,330 sessions)', async () => {
    const out = join(dir, 'uci.json');
    const r = await run(
      'train',
      '--input',
      uci,
      '--spec',
      'demo/segments/uci.spec.json',
      '--labels',
      'demo/segments/labels.json',
      '--k',
      '4',
      '--seed',
      '7',
      '--outcome',
      'Revenue',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const o = JSON.parse(readFileSync(out, 'utf8')).training.outcome;
    expect(o.kind).toBe('rate');
    expect(Math.round(o.overall * 12330)).toBe(1908);
    const bought = o.segments.reduce(
      (n: number, s: { rows: number; value: number }) => n + Math.round(s.rows * s.value),
      0,
    );
    expect(bought).toBe(1908);
    expect(o.segments.map((s: { id: string }) => s.id)).toEqual(['shopper', 'member', 'researcher', 'newcomer']);
  });
});
