// Sizes of the built files, min + gzip and brotli. `--check` fails when a file is over
// its budget (CI runs it; sizes are deterministic for a given source).
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { printTable, table, writeSection } from './results.mjs';
import { buildNpmApp } from './npm-app.mjs';

/** Budgets in bytes, min + gzip. `goal` is the design target, `limit` fails CI (the size today plus a small margin). */
const FILES = [
  // Issue 18: config validation (zod/mini) moved to the config chunk, and the chunks are
  // built together with their shared code once (edgeseg.shared.mjs): 16.8 → 10.5 KB.
  // Issue 14 (merged with 18) adds ~0.7 KB: experiment arms in decisions (holdout/control
  // reasons, arms cached with the last assignment), the visitor key and the measure wiring.
  // + the layout-shift guardrail's decision check and swap list (0.4 KB). + a returning
  // visitor's start from a remembered config (0.6 KB: the defaults, the fingerprint),
  // which takes the warm time to decision from ~26 to ~10 ms at p50 (docs/performance.md).
  { file: 'dist/edgeseg.iife.js', what: 'core (script tag)', goal: 10 * 1024, limit: 12.35 * 1024 },
  {
    file: 'dist/edgeseg.config.mjs',
    what: 'config chunk (the config schemas; loaded at start, zod from the shared chunk)',
    goal: 1.5 * 1024,
    limit: 1.9 * 1024, // + the measurement schema entry, consent.keepPending, the did-you-mean hint and guardrail
  },
  {
    file: 'dist/edgeseg.shared.mjs',
    what: 'shared chunk (what several chunks use, once: zod/mini, bundle schema, errors, helpers; loaded at start)',
    goal: 11.5 * 1024,
    limit: 13 * 1024, // + the experiment, holdout and goal schemas the engine and measure chunks share
  },
  {
    file: 'dist/edgeseg.engine.mjs',
    what: 'engine chunk (bundle loading, signatures, validation, features, scoring, rules, experiment arms)',
    goal: 12 * 1024,
    limit: 8 * 1024,
  },
  {
    file: 'dist/edgeseg.store.mjs',
    what: 'store chunk (idb, schema v2 and migrations, raw-event ring, compaction, fallbacks, memory store; loaded once consent allows storing)',
    goal: 4 * 1024,
    limit: 3.2 * 1024,
  },
  {
    file: 'dist/edgeseg.collect.mjs',
    what: 'collect chunk (DOM collectors, profile reducer, layout-shift guardrail; loaded at start)',
    goal: 6 * 1024,
    limit: 5 * 1024, // + the layout-shift guardrail's observer
  },
  {
    file: 'dist/edgeseg.consent.mjs',
    what: 'consent chunk (consent-manager adapters; only when one is configured or detected)',
    goal: 3.5 * 1024,
    limit: 3.4 * 1024,
  },
  {
    file: 'dist/edgeseg.measure.mjs',
    what: 'measure chunk (exposures, goals, conversions, GTM; loaded only with experiments, goals or config.measurement)',
    goal: 8 * 1024,
    limit: 3.1 * 1024,
  },
  {
    file: 'dist/edgeseg.beacon.mjs',
    what: 'beacon chunk (IndexedDB queue, batching, backoff, randomized response, web-vitals; only under measurement consent)',
    goal: 6 * 1024,
    limit: 4.85 * 1024,
  },
  {
    file: 'dist/edgeseg.tfjs.mjs',
    what: 'tfjs chunk (tfjs-core + CPU kernels for dense networks; only for bundles with one)',
    goal: 50 * 1024,
    limit: 21.5 * 1024,
  },
];

/**
 * What a consented first visit with a centroid bundle downloads, all of it: the core and
 * every chunk it loads (no consent manager, no panels). Each file is compressed on its own,
 * as it is served.
 */
const FIRST_VISIT = ['iife.js', 'config.mjs', 'shared.mjs', 'engine.mjs', 'collect.mjs', 'store.mjs'].map(
  (f) => `dist/edgeseg.${f}`,
);
const FIRST_VISIT_BUDGET = { goal: 18 * 1024, limit: 43 * 1024 };
/** The initial chunk of an app that imports `edgeseg` and calls `personalize()` (bench/npm-app.mjs). */
const NPM_APP_BUDGET = { goal: 16 * 1024, limit: 12 * 1024 };

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const rows = [];
let failed = false;
for (const { file, what, goal, limit } of FILES) {
  const code = readFileSync(new URL(`../${file}`, import.meta.url));
  const gz = gzipSync(code, { level: 9 }).length;
  const br = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const over = gz > limit;
  failed ||= over;
  rows.push([
    file,
    what,
    kb(code.length),
    kb(gz),
    kb(br),
    kb(goal),
    kb(limit),
    over ? 'OVER LIMIT' : gz > goal ? 'over goal' : 'ok',
  ]);
}
const sizes = (code) => ({
  gz: gzipSync(code, { level: 9 }).length,
  br: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const budgetRow = (file, what, min, gz, br, { goal, limit }) => {
  const over = gz > limit;
  failed ||= over;
  return [
    file,
    what,
    kb(min),
    kb(gz),
    br === null ? '—' : kb(br),
    kb(goal),
    kb(limit),
    over ? 'OVER LIMIT' : gz > goal ? 'over goal' : 'ok',
  ];
};
const visit = FIRST_VISIT.map((f) => readFileSync(new URL(`../${f}`, import.meta.url))).map((code) => ({
  min: code.length,
  ...sizes(code),
}));
rows.push(
  budgetRow(
    'first visit: ' + FIRST_VISIT.map((f) => f.replace('dist/edgeseg.', '')).join(' + '),
    'script a consented first visit with a centroid bundle downloads (each file compressed on its own)',
    visit.reduce((n, v) => n + v.min, 0),
    visit.reduce((n, v) => n + v.gz, 0),
    visit.reduce((n, v) => n + v.br, 0),
    FIRST_VISIT_BUDGET,
  ),
);
const app = await buildNpmApp();
rows.push(
  budgetRow(
    'npm app: initial chunk',
    `rollup + terser app importing \`edgeseg\` and calling \`personalize()\` (bench/npm-app.mjs); lazy: ${app.lazy.length} chunks, ${kb(app.lazy.reduce((n, c) => n + c.gz, 0))} gz`,
    app.initial.min,
    app.initial.gz,
    null,
    NPM_APP_BUDGET,
  ),
);
const header = ['file', 'what', 'min', 'min+gzip', 'min+brotli', 'goal', 'CI limit', 'status'];
printTable('Bundle sizes', header, rows);
if (!process.argv.includes('--no-write')) {
  writeSection(
    'size',
    `## Bundle sizes\n\n\`npm run size\`: gzip level 9 and brotli quality 11 of the minified files.\n\n${table(header, rows)}`,
  );
}
if (process.argv.includes('--check') && failed) {
  console.error('\nsize check failed: a file is over its CI limit');
  process.exit(1);
}
