// `edgeseg report` speed (section 'report' of bench/results.md): a deterministic file of
// 1,000,000 collector lines (2 experiments, 3 arms, 4 segments, 2 goals, vitals on a third
// of the reports, a tenth randomized), then `edgeseg report FILE --json` in its own Node
// process RUNS times: wall time median, min and max.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable, table, writeSection } from './results.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes `n` collector lines to `file`. */
async function generate(file, n) {
  const random = mulberry32(15);
  const segments = ['shopper', 'reader', 'bargain', null];
  const arms = ['control', 'personalized', 'bold'];
  const out = createWriteStream(file);
  for (let i = 0; i < n; i++) {
    const segment = segments[Math.floor(random() * 4)];
    const arm = arms[Math.floor(random() * 3)];
    const rr = random() < 0.1;
    const bought = random() < 0.03 + (arm === 'control' ? 0 : 0.01);
    const report = {
      id: `b${i.toString(36).padStart(10, '0')}-${Math.floor(random() * 2 ** 40).toString(16)}`,
      type: 'page_view',
      hour: `2026-12-${String(1 + (i % 7)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}`,
      device: 'desktop',
      bundleVersion: 3,
      segment,
      arms: [
        { experiment: 'offer-test', arm, exposed: random() < 0.8 },
        { experiment: 'hero-test', arm: arms[Math.floor(random() * 2)], exposed: true },
      ],
      goals: [
        rr
          ? { goal: 'purchase', converted: random() < 0.73 ? bought : !bought }
          : {
              goal: 'purchase',
              converted: bought,
              ...(bought ? { count: 1, value: Math.round(random() * 9000) / 100 } : {}),
            },
        { goal: 'add_to_cart', converted: random() < 0.1 },
      ],
      ...(rr ? { rr: { epsilon: 1 } } : {}),
      ...(i % 3 === 0
        ? {
            vitals: {
              lcp: Math.round(500 + random() * 3000),
              cls: Math.round(random() * 300) / 1000,
              inp: Math.round(20 + random() * 400),
            },
          }
        : {}),
      receivedAt: '2026-12-02T04:31:07.530Z',
    };
    if (!out.write(`${JSON.stringify(report)}\n`)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
}

const dir = mkdtempSync(join(tmpdir(), 'edgeseg-bench-report-'));
try {
  const file = join(dir, 'events-2026-12-02.ndjson');
  await generate(file, EVENTS);
  const mb = statSync(file).size / 1e6;
  const times = [];
  let summary;
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    const out = execFileSync(process.execPath, [join(root, 'bin/edgeseg.mjs'), 'report', file, '--json'], {
      maxBuffer: 1 << 28,
    });
    times.push((performance.now() - t) / 1000);
    summary = JSON.parse(out.toString()).input;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const rows = [
    [
      EVENTS.toLocaleString('en'),
      mb.toFixed(0),
      RUNS,
      median.toFixed(2),
      times[0].toFixed(2),
      times.at(-1).toFixed(2),
      Math.round(EVENTS / median).toLocaleString('en'),
      summary.reports.toLocaleString('en'),
    ],
  ];
  const header = ['events', 'MB', 'runs', 's median', 's min', 's max', 'events/s', 'reports counted'];
  printTable('edgeseg report', header, rows);
  writeSection(
    'report',
    `## \`edgeseg report\` (\`node bench/report.mjs\`)\n\nA generated collector file (2 experiments, 3 arms, 4 segments, 2 goals, vitals on a third of the reports, a tenth with randomized response), read by \`edgeseg report FILE --json\` in its own Node process (start-up included), ${RUNS} runs. Goal: ≤ 10 s for 1,000,000 events.\n\n${table(header, rows)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
