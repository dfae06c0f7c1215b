// The built CLI (dist/cli.mjs with its worker, dist/cli-worker.mjs) trains the same
// bundle on one thread and on two: blocks of rows are summed in block order whichever
// thread ran them. Runs after `npm run build`, like the rest of this project.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'edgeseg-threads-'));

function rows(n: number): string {
  let s = 7;
  const random = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['a,b,c'];
  for (let i = 0; i < n; i++) {
    const c = i % 5;
    lines.push([0, 1, 2].map((j) => (((c >> j) & 1) * 3 + random() * 2).toFixed(4)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function train(threads: number, extra: string[] = []) {
  const out = join(dir, `t${threads}${extra.join('')}.json`);
  const r = spawnSync(
    process.execPath,
    [
      'bin/edgeseg.mjs',
      'train',
      '--input',
      join(dir, 'rows.csv'),
      '--spec',
      join(dir, 'spec.json'),
      '--k',
      '5',
      '--threads',
      String(threads),
      '--out',
      out,
      ...extra,
    ],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  const trained = r.stdout.split('\n').find((l) => l.startsWith('trained ')) ?? '';
  if (threads > 1) expect(trained).toContain(`on ${threads} threads`);
  else expect(trained).not.toContain('threads');
  const { createdAt: _, ...bundle } = JSON.parse(readFileSync(out, 'utf8'));
  return bundle;
}

describe('edgeseg train on worker threads', () => {
  it('gives the same bundle on one thread and on two (200,000 rows, 7 blocks)', () => {
    writeFileSync(join(dir, 'rows.csv'), rows(200_000));
    writeFileSync(
      join(dir, 'spec.json'),
      JSON.stringify({ features: ['a', 'b', 'c'].map((c) => ({ name: `trait.${c}`, column: c })) }),
    );
    for (const algorithm of [[], ['--algorithm', 'lloyd']]) {
      const one = train(1, algorithm);
      const two = train(2, algorithm);
      expect(two).toEqual(one);
      expect(one.training.sizes.reduce((a: number, b: number) => a + b, 0)).toBe(200_000);
    }
  });
});
