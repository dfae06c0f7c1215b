// `node bench/train-vs-sklearn.mjs [--runs N]`: edgeseg against scikit-learn on the same
// job, in the same run: 1,000,000 generated rows × 6 features (bench/million-rows.mjs,
// the same bytes every time), z-scaled, k = 8, with 1 and with 5 k-means++ starts.
// edgeseg: `edgeseg train` (dist/cli.mjs, worker threads on every core) in its own Node
// process; scikit-learn: bench/reference/sklearn-train.py with /usr/bin/python3 (Debian's
// python3-sklearn), its KMeans on OpenMP threads. The runs alternate (edgeseg, sklearn,
// edgeseg, ...) so both see the same load; each row gives the median and the range of N
// runs (default 5) and the load average around them. Writes section "train-vs-sklearn" of
// bench/results.md (unless --no-write). Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeMillionRows, writeMillionSpec } from './million-rows.mjs';
import { printTable, table, writeSection } from './results.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const python = '/usr/bin/python3';
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const tmp = mkdtempSync(join(tmpdir(), 'edgeseg-vs-sklearn-'));
const rows = join(tmp, 'million.csv');
const spec = join(tmp, 'million.spec.json');

/** One edgeseg train, in its own process: wall (spawn to exit), CPU and peak RSS of that process. */
function edgeseg(restarts) {
  const out = join(tmp, `edgeseg-${restarts}.json`);
  const args = [
    'train',
    '--input',
    rows,
    '--spec',
    spec,
    '--k',
    '8',
    '--restarts',
    String(restarts),
    '--seed',
    '1',
    '--out',
    out,
  ];
  const script = `const started = performance.now(); const { main } = await import(${JSON.stringify(join(root, 'dist/cli.mjs'))});
const lines = []; const code = await main(${JSON.stringify(args)}, (l) => lines.push(l));
const used = process.cpuUsage();
console.log('@@' + JSON.stringify({ code, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, out: lines.join('\\n') }));`;
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const wall = performance.now() - t;
  const stats = JSON.parse(/@@(.*)/.exec(r.stdout)?.[1] ?? 'null');
  if (!stats || stats.code !== 0) throw new Error(`edgeseg train failed:\n${r.stdout}\n${r.stderr}`);
  const phases = /\(features (\d+) ms, k-means (\d+) ms/.exec(stats.out);
  const training = JSON.parse(readFileSync(out, 'utf8')).training;
  return {
    wallMs: wall,
    fitMs: Number(phases?.[2]),
    cpuMs: stats.cpuMs,
    maxRssMb: stats.maxRssMb,
    inertia: training.inertia,
    iterations: training.iterations,
  };
}

/** One scikit-learn run: wall (spawn to exit) and the script's own phase timings. */
function sklearn(nInit) {
  const t = performance.now();
  const r = spawnSync(python, [join(root, 'bench/reference/sklearn-train.py'), rows, String(nInit)], {
    encoding: 'utf8',
  });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`scikit-learn failed:\n${r.stderr}`);
  const stats = JSON.parse(r.stdout.trim().split('\n').pop());
  return { ...stats, wallMs: wall };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const seconds = (xs) =>
  `${(median(xs) / 1000).toFixed(2)} (${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)})`;

if (!existsSync(join(root, 'dist/cli.mjs')) || !existsSync(join(root, 'dist/cli-worker.mjs'))) {
  console.error('bench/train-vs-sklearn: run `npm run build` first');
  process.exit(1);
}
if (!existsSync(python) || spawnSync(python, ['-c', 'import sklearn']).status !== 0) {
  console.error(`bench/train-vs-sklearn: ${python} has no scikit-learn (apt-get install python3-sklearn)`);
  process.exit(1);
}
await writeMillionRows(rows);
writeMillionSpec(spec);

const header = [
  'k-means++ starts',
  'tool',
  'runs',
  'wall s, whole job: median (min–max)',
  'wall s, clustering: median (min–max)',
  'CPU s (median)',
  'peak RSS MB (max)',
  'inertia',
  'iterations',
  'load average (1 min) during the runs',
];
const rowsOut = [];
const verdicts = [];
for (const starts of [1, 5]) {
  const e = [];
  const s = [];
  const loads = [];
  let version = '';
  for (let run = 0; run < RUNS; run++) {
    loads.push(loadavg()[0]);
    e.push(edgeseg(starts));
    loads.push(loadavg()[0]);
    const sk = sklearn(starts);
    version = sk.version;
    s.push(sk);
  }
  loads.push(loadavg()[0]);
  const load = `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`;
  rowsOut.push(
    [
      starts,
      'edgeseg',
      RUNS,
      seconds(e.map((r) => r.wallMs)),
      seconds(e.map((r) => r.fitMs)),
      (median(e.map((r) => r.cpuMs)) / 1000).toFixed(2),
      Math.max(...e.map((r) => r.maxRssMb)).toFixed(0),
      e[0].inertia.toFixed(0),
      e[0].iterations,
      load,
    ],
    [
      starts,
      `scikit-learn ${version}`,
      RUNS,
      seconds(s.map((r) => r.wallMs)),
      seconds(s.map((r) => r.fitMs)),
      (median(s.map((r) => r.cpuMs)) / 1000).toFixed(2),
      Math.max(...s.map((r) => r.maxRssMb)).toFixed(0),
      s[0].inertia.toFixed(0),
      s[0].iterations,
      load,
    ],
  );
  const whole = median(e.map((r) => r.wallMs)) <= median(s.map((r) => r.wallMs));
  const fit = median(e.map((r) => r.fitMs)) <= median(s.map((r) => r.fitMs));
  // Each edgeseg run against the scikit-learn run right after it (the same load), and
  // whether the ranges overlap (then the medians' order is within the spread).
  const paired = (key) => e.filter((r, i) => r[key] <= s[i][key]).length;
  const overlap = (key) =>
    Math.max(...e.map((r) => r[key])) >= Math.min(...s.map((r) => r[key])) &&
    Math.max(...s.map((r) => r[key])) >= Math.min(...e.map((r) => r[key]));
  const spread = (key) =>
    `edgeseg faster in ${paired(key)} of ${RUNS} paired runs${overlap(key) ? '; the ranges overlap' : '; the ranges do not overlap'}`;
  const memory = Math.max(...e.map((r) => r.maxRssMb)) <= 400;
  verdicts.push(
    `${starts} start${starts > 1 ? 's' : ''}: whole job ${whole ? 'met' : 'not met'} (medians: edgeseg ${(median(e.map((r) => r.wallMs)) / 1000).toFixed(2)} s, scikit-learn ${(median(s.map((r) => r.wallMs)) / 1000).toFixed(2)} s; ${spread('wallMs')}); clustering alone ${fit ? 'met' : 'not met'} (${(median(e.map((r) => r.fitMs)) / 1000).toFixed(2)} s against ${(median(s.map((r) => r.fitMs)) / 1000).toFixed(2)} s; ${spread('fitMs')}); peak memory ${memory ? 'met' : 'not met'} (${Math.max(...e.map((r) => r.maxRssMb)).toFixed(0)} MB, limit 400 MB)`,
  );
}
rmSync(tmp, { recursive: true, force: true });
printTable('1,000,000 rows × 6 features, k = 8: edgeseg and scikit-learn in the same run', header, rowsOut);
console.log(`\n${verdicts.join('\n')}`);
if (!process.argv.includes('--no-write'))
  writeSection(
    'train-vs-sklearn',
    `## Training speed against scikit-learn (\`node bench/train-vs-sklearn.mjs\`)

The same job on both sides, in the same run: read the generated CSV of 1,000,000 rows × 6 features (\`bench/million-rows.mjs\`, the same bytes every run), z-scale every column with the population deviation, k-means with k = 8 from k-means++ starts (greedy trials on both sides), keep the best start, label every row. **edgeseg**: \`edgeseg train --k 8 --restarts N --seed 1\` (Hamerly's exact Lloyd, worker threads on all ${cpus().length} cores). **scikit-learn**: \`bench/reference/sklearn-train.py\` (\`np.loadtxt\`, \`StandardScaler\`, \`KMeans(n_clusters=8, n_init=N, algorithm="lloyd")\` with its default tol, OpenMP threads on all cores). Each tool runs in its own process; the runs alternate so both see the same machine load. "Whole job" is process start to exit (Python and Node start-up, imports, reading, scaling, clustering, writing); "clustering" is scikit-learn's \`KMeans.fit\` against edgeseg's k-means phase (all starts and the final assignment). Medians of ${RUNS} runs each, with the range. The machine is shared with other work: the load average is the number of runnable processes wanting the ${cpus().length} cores, so wall times above CPU times are waiting.

${table(header, rowsOut)}

Goal (issue 13): wall time ≤ scikit-learn's in the same run, peak memory ≤ 400 MB.
${verdicts.map((v) => `- ${v}`).join('\n')}`,
  );
