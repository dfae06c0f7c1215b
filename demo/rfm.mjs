// RFM segmentation of the UCI Online Retail invoice lines, in one command:
//   npm run rfm                      (builds, then: node demo/rfm.mjs)
//   node demo/rfm.mjs --input FILE.csv[.gz] --out-dir DIR --k 4
// 1. invoice lines → one commerce event per invoice (a `purchase`, or a `refund` for a
//    cancellation), per customer (bench/online-retail.mjs), written as NDJSON;
// 2. `edgeseg train --format events` folds each customer's events with the browser's own
//    reducer and takes one row per customer at the end of the data (the spec's
//    "rows": "visitors"): recency, frequency and monetary value from the SDK's catalogue
//    (days_since_last_purchase, purchases, revenue), log1p and z-scaled, then k-means;
// 3. `edgeseg inspect` prints the segments and draws their profile and PCA plots.
// Writes DIR/rfm.events.ndjson, DIR/rfm.json (the bundle), DIR/rfm.profile.svg, DIR/rfm.pca.svg.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRetailRows, retailEvents, retailPath } from '../bench/online-retail.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Runs the recipe with a CLI `main` (dist/cli.mjs from the command line, the sources in
 * tests). Resolves to the exit code of the first step that failed, else 0.
 * @param {{ input: string, outDir: string, k?: number, main: (argv: string[], out?: (l: string) => void, err?: (l: string) => void) => Promise<number>, log?: (l: string) => void }} o
 */
export async function rfmRecipe({ input, outDir, k = 4, main, log = console.log }) {
  mkdirSync(outDir, { recursive: true });
  const visitors = retailEvents(readRetailRows(input));
  const events = join(outDir, 'rfm.events.ndjson');
  const lines = [];
  for (const [visitor, list] of visitors)
    for (const e of list)
      lines.push(JSON.stringify({ visitor, id: e.id, kind: e.kind, name: e.name, t: e.t, props: e.props }));
  writeFileSync(events, `${lines.join('\n')}\n`);
  log(`${lines.length} invoices of ${visitors.size} customers → ${events}`);
  const spec = join(root, 'demo/segments/rfm.spec.json');
  const bundle = join(outDir, 'rfm.json');
  const trained = await main(
    [
      'train',
      '--input',
      events,
      '--format',
      'events',
      '--spec',
      spec,
      '--labels',
      join(root, 'demo/segments/rfm.labels.json'),
      '--k',
      String(k),
      '--seed',
      '1',
      '--outcome',
      'refunds',
      '--out',
      bundle,
    ],
    log,
    log,
  );
  if (trained !== 0) return trained;
  return main(['inspect', bundle, '--svg-dir', outDir, '--input', events, '--spec', spec], log, log);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  // The repo ships the file in data/; retailPath() says how to restore it when it is missing.
  const input = flag('input', undefined) ?? retailPath();
  const { main } = await import('../dist/cli.mjs');
  process.exitCode = await rfmRecipe({
    input,
    outDir: flag('out-dir', join(root, 'demo/rfm')),
    k: Number(flag('k', '4')),
    main,
  });
}
