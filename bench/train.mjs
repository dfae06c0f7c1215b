// `node bench/train.mjs`: how fast and how well `edgeseg train` clusters.
// 1. The UCI shoppers file (12,330 real sessions) with the demo spec, k = 2..10: the whole
//    `--k auto` scan (parse, 9 × 5 k-means++ restarts, sampled silhouettes) and per-k
//    inertia, for the Hamerly-accelerated Lloyd and plain Lloyd.
// 2. Inertia against scikit-learn's KMeans on the same standardised matrix, run live
//    with /usr/bin/python3 when scikit-learn is there (bench/reference/sklearn-kmeans.py),
//    else the committed numbers in bench/reference/sklearn-kmeans.json.
// 3. Mini-batch k-means on a generated 1,000,000-row CSV: rows/s and peak memory.
// Each run is a child process, so peak memory (maxRSS) is that run's alone.
// The data is the repo's data/online_shoppers_intention.csv.gz (or EDGESEG_DATA_DIR).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeMillionRows, writeMillionSpec } from './million-rows.mjs';
import { printTable, table, writeSection } from './results.mjs';
import { dataFile } from '../scripts/data-files.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Shipped in data/: dataFile throws when it is missing.
const uci = dataFile('online_shoppers_intention.csv');
const spec = join(root, 'demo/segments/uci.spec.json');
const tmp = mkdtempSync(join(tmpdir(), 'edgeseg-bench-'));

/** Runs the CLI in a child process; returns its output, wall time and peak RSS. */
function cli(args) {
  const script = `const { main } = await import(${JSON.stringify(join(root, 'dist/cli.mjs'))});
const t = performance.now(); const cpu = process.cpuUsage(); const code = await main(${JSON.stringify(args)});
const used = process.cpuUsage(cpu);
console.error('@@' + JSON.stringify({ code, ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const stats = JSON.parse(/@@(.*)/.exec(r.stderr)?.[1] ?? 'null');
  if (!stats || stats.code !== 0) throw new Error(`edgeseg ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return { ...stats, out: r.stdout };
}

function sklearnReference() {
  const committed = join(root, 'bench/reference/sklearn-kmeans.json');
  const python = '/usr/bin/python3';
  if (existsSync(python)) {
    const r = spawnSync(python, [join(root, 'bench/reference/sklearn-kmeans.py'), uci, '2', '10'], {
      encoding: 'utf8',
    });
    if (r.status === 0) {
      const rows = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      writeFileSync(committed, JSON.stringify(rows, null, 1) + '\n');
      return {
        rows,
        how: `run live: scikit-learn ${rows[0].version} via ${python} (and saved to bench/reference/sklearn-kmeans.json)`,
      };
    }
  }
  const rows = JSON.parse(readFileSync(committed, 'utf8'));
  return {
    rows,
    how: `committed numbers from bench/reference/sklearn-kmeans.json (scikit-learn ${rows[0].version}; ${python} was not usable)`,
  };
}

const sections = [];
const scans = {};
for (const algorithm of ['hamerly', 'lloyd']) {
  const out = join(tmp, `${algorithm}.json`);
  const run = cli([
    'train',
    '--input',
    uci,
    '--spec',
    spec,
    '--k',
    'auto',
    '--k-range',
    '2..10',
    '--algorithm',
    algorithm,
    '--seed',
    '1',
    '--out',
    out,
    '--plot',
    join(tmp, 'scan.svg'),
  ]);
  scans[algorithm] = {
    ...run,
    scan: JSON.parse(readFileSync(out, 'utf8')).training.scan,
    perK: [...run.out.matchAll(/^[* ]\s*(\d+)\s+[\d.]+\s+[\d.]+\s+(\d+)\s+(\d+)$/gm)].map((m) => ({
      k: +m[1],
      iterations: +m[2],
      ms: +m[3],
    })),
  };
}
const ref = sklearnReference();
const kRows = scans.hamerly.scan.map((r, i) => {
  const sk = ref.rows.find((x) => x.k === r.k);
  const lloyd = scans.lloyd.perK[i];
  return [
    r.k,
    r.inertia.toFixed(2),
    sk ? sk.inertia.toFixed(2) : '-',
    sk ? `${(((r.inertia - sk.inertia) / sk.inertia) * 100).toFixed(4)}%` : '-',
    r.silhouette.toFixed(4),
    scans.hamerly.perK[i].ms,
    lloyd?.ms ?? '-',
    sk ? sk.ms.toFixed(0) : '-',
  ];
});
const kHeader = [
  'k',
  'inertia (edgeseg)',
  'inertia (scikit-learn)',
  'difference',
  'silhouette (sampled)',
  'ms Hamerly',
  'ms Lloyd',
  'ms scikit-learn',
];
printTable('UCI shoppers, k = 2..10 (5 k-means++ restarts each)', kHeader, kRows);
const load = loadavg()[0].toFixed(1);
const scanLine = `Whole \`--k auto\` scan (read CSV, 9 × 5 restarts, silhouettes, plot): **${(scans.hamerly.ms / 1000).toFixed(2)} s** wall, ${(scans.hamerly.cpuMs / 1000).toFixed(2)} s CPU with Hamerly (goal ≤ 2 s); ${(scans.lloyd.ms / 1000).toFixed(2)} s wall, ${(scans.lloyd.cpuMs / 1000).toFixed(2)} s CPU with plain Lloyd; peak RSS ${scans.hamerly.maxRssMb.toFixed(0)} MB. Load average ${load} on ${cpus().length} cores while measuring (the machine is shared): wall times above CPU times are time spent waiting for a core.`;
console.log(`\n${scanLine}\nscikit-learn reference: ${ref.how}`);
sections.push(
  `### UCI shoppers (12,330 rows × 6 features), k = 2..10\n\n${scanLine}\n\n${table(kHeader, kRows)}\n\nReference: scikit-learn \`KMeans(n_init=5, algorithm="lloyd", tol=1e-10)\` on the same matrix (log1p, z-scaled with the population deviation), ${ref.how}. A negative difference means edgeseg found the lower (better) inertia; both are local optima from k-means++ starts.`,
);

const million = join(tmp, 'million.csv');
await writeMillionRows(million);
const millionSpec = join(tmp, 'million.spec.json');
writeMillionSpec(millionSpec);
const mRows = [];
for (const [algorithm, extra] of [
  ['minibatch', ['--batch-size', '2048']],
  ['hamerly', []],
]) {
  const run = cli([
    'train',
    '--input',
    million,
    '--spec',
    millionSpec,
    '--k',
    '8',
    '--restarts',
    '1',
    '--algorithm',
    algorithm,
    ...extra,
    '--out',
    join(tmp, `m-${algorithm}.json`),
  ]);
  const trainMs = Number(/in (\d+) ms/.exec(run.out)?.[1]);
  const inertia = Number(/inertia ([\d.]+)/.exec(run.out)?.[1]);
  mRows.push([
    algorithm,
    (run.ms / 1000).toFixed(2),
    (run.cpuMs / 1000).toFixed(2),
    (trainMs / 1000).toFixed(2),
    Math.round(1e6 / (run.ms / 1000)).toLocaleString('en'),
    Math.round(1e6 / (trainMs / 1000)).toLocaleString('en'),
    inertia.toFixed(0),
    run.maxRssMb.toFixed(0),
  ]);
}
const mHeader = [
  'algorithm',
  's total (read + train)',
  's CPU',
  's train',
  'rows/s total',
  'rows/s train',
  'inertia',
  'peak RSS MB',
];
printTable('Generated 1,000,000 rows × 6 features, k = 8, 1 restart', mHeader, mRows);
sections.push(
  `### 1,000,000 generated rows × 6 features, k = 8\n\n${table(mHeader, mRows)}\n\n"train" is feature scaling + clustering + final assignment of every row (the CLI's own timer); "total" adds reading and parsing the 40 MB CSV. Mini-batch: 2048-row batches, stopped after 10 batches without improvement of the smoothed batch inertia.`,
);

rmSync(tmp, { recursive: true, force: true });
if (!process.argv.includes('--no-write'))
  writeSection(
    'train',
    `## Training (\`node bench/train.mjs\`)\n\nEach run is \`edgeseg train\` in its own Node process; peak RSS is that process's maximum resident set.\n\n${sections.join('\n\n')}`,
  );
