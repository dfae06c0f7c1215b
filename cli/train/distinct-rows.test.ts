import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch } from '../../test/helpers/run-cli';
import { distinctRows } from './distinct-rows';

const { dir, file, spec } = scratch('edgeseg-distinct-');
// Six rows, two distinct points.
const input = file('rows.csv', 'products;articles\n1;2\n1;2\n5;0\n1;2\n5;0\n5;0\n');

const run = runCli;

describe('k and distinct rows', () => {
  it('counts distinct rows up to a limit (-0 and 0 are the same point)', () => {
    const data = Float64Array.from([1, 2, 1, 2, -0, 0, 0, 0, 3, 3]);
    expect(distinctRows({ n: 5, d: 2, data }, 10)).toBe(3);
    expect(distinctRows({ n: 5, d: 2, data }, 2)).toBe(2);
  });

  it('refuses k larger than the number of distinct rows, writing no bundle', async () => {
    const out = join(dir, 'k3.json');
    const r = await run('train', '--input', input, '--spec', spec, '--k', '3', '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/k \(3\) is larger than the number of distinct rows \(2\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('--k auto scans only the k the distinct rows allow', async () => {
    const out = join(dir, 'auto.json');
    const r = await run('train', '--input', input, '--spec', spec, '--k', 'auto', '--k-range', '2..4', '--out', out);
    expect(r.code).toBe(0);
    const bundle = JSON.parse(readFileSync(out, 'utf8'));
    expect(bundle.training.scan.map((s: { k: number }) => s.k)).toEqual([2]);
    expect(bundle.training.sizes).toEqual([3, 3]);
  });
});
