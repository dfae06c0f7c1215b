// The README's claim about training quality must be what is measured: edgeseg's k-means
// inertia on the UCI sessions (k = 2..10, the demo spec, 5 restarts, seed 1) against
// scikit-learn's on the same matrix (bench/reference/sklearn-kmeans.json, written by
// bench/reference/sklearn-kmeans.py with the scikit-learn of /usr/bin/python3).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { dataFile } from '../../scripts/data-files.mjs';

// The claim lives in the CLI reference (docs/cli.md), where the README's links lead.
const README = readFileSync('docs/cli.md', 'utf8');
const uci = dataFile('online_shoppers_intention.csv');

describe('README: k-means inertia against scikit-learn', () => {
  it('states the bound and the largest differences that the UCI scan measures', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'edgeseg-inertia-')), 'scan.json');
    const code = await main(
      [
        'train',
        '--input',
        uci,
        '--spec',
        'demo/segments/uci.spec.json',
        '--k',
        'auto',
        '--k-range',
        '2..10',
        '--seed',
        '1',
        '--silhouette-sample',
        '50',
        '--out',
        out,
      ],
      () => {},
    );
    expect(code).toBe(0);
    const scan = JSON.parse(readFileSync(out, 'utf8')).training.scan as { k: number; inertia: number }[];
    const reference = JSON.parse(readFileSync('bench/reference/sklearn-kmeans.json', 'utf8')) as {
      k: number;
      inertia: number;
    }[];
    const diffs = scan.map((r) => ({
      k: r.k,
      pct:
        (100 * (r.inertia - reference.find((s) => s.k === r.k)!.inertia)) / reference.find((s) => s.k === r.k)!.inertia,
    }));
    const text = README.replace(/\s+/g, ' ');
    const claim = /inertia is within ±?([\d.]+)% of scikit-learn's for every k from 2 to 10/.exec(text);
    expect(claim, 'the README states a bound').not.toBeNull();
    expect(Math.max(...diffs.map((d) => Math.abs(d.pct)))).toBeLessThanOrEqual(Number(claim![1]));
    // Each difference the README names is the measured one, to the digits it gives.
    const same = /the same to 0\.001% for (\w+) of the nine k/.exec(text);
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
    if (same) expect(diffs.filter((d) => Math.abs(d.pct) < 0.001).length).toBe(words.indexOf(same[1]!));
    const named = [...text.matchAll(/([+−-][\d.]+)% at k = (\d+)/g)].map((m) => ({ k: Number(m[2]), text: m[1]! }));
    expect(named.length).toBeGreaterThanOrEqual(2);
    for (const { k, text } of named) {
      const decimals = text.split('.')[1]?.length ?? 0;
      const measured = diffs.find((d) => d.k === k)!.pct;
      expect(`${measured >= 0 ? '+' : '−'}${Math.abs(measured).toFixed(decimals)}`, `k = ${k}`).toBe(
        text.replace('-', '−'),
      );
    }
  });
});
