// `npm run demo`: trains the demo bundle on the UCI shoppers data (shipped gzipped in
// data/, read as is by the CLI) with the repo's own CLI, then serves the shop on
// 127.0.0.1 (PORT overrides the port; EDGESEG_DATA another input file).
import { createServer } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCollector, startDashboard } from '../dist/cli.mjs';
import { dataFile } from '../scripts/data-files.mjs';
import { renderPage } from './pages.mjs';
import { simulate } from './simulate.mjs';
import { DEMO_BUNDLE, trainDemoBundle } from './train-bundle.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const shipped = () => {
  try {
    return dataFile('online_shoppers_intention.csv');
  } catch {
    return join(root, 'data', 'online_shoppers_intention.csv.gz');
  }
};
const data = process.env.EDGESEG_DATA ?? shipped();
const bundlePath = DEMO_BUNDLE;

if (existsSync(data)) {
  const code = await trainDemoBundle(data, bundlePath);
  if (code !== 0) process.exit(code);
} else if (!existsSync(bundlePath)) {
  console.error(
    `demo: ${data} not found and no trained bundle at ${bundlePath}; restore data/ (git checkout -- data) or set EDGESEG_DATA`,
  );
  process.exit(1);
}

const TYPES = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
};
// The core and every lazy chunk beside it (engine, store, consent, overlay, why, collect, tfjs):
// each is fetched only when the page needs it.
const FILES = {
  ...Object.fromEntries(
    readdirSync(join(root, 'dist'))
      .filter((f) => /^edgeseg\.[a-z]+\.(mjs|js)$/.test(f))
      .map((f) => [`/${f}`, join(root, 'dist', f)]),
  ),
  '/segments/bundle.json': bundlePath,
  '/shop.css': join(here, 'shop.css'),
  // The page's modules (banner, footer, simulator, segment preview, map).
  ...Object.fromEntries(
    readdirSync(join(here, 'ui'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => [`/ui/${f}`, join(here, 'ui', f)]),
  ),
};

/** Where the beacon posts: `edgeseg collect`, started below once the shop's origin is known. */
let collectUrl = '';
const server = createServer((req, res) => {
  const path = normalize(new URL(req.url ?? '/', 'http://localhost').pathname);
  const html = renderPage(path, { collectUrl });
  if (html) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(html);
    return;
  }
  const file =
    FILES[path] ?? (path.endsWith('.map') ? FILES[path.slice(0, -4)] && FILES[path.slice(0, -4)] + '.map' : undefined);
  if (!file || !existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
  });
  res.end(readFileSync(file));
});

server.listen(Number(process.env.PORT ?? 8080), '127.0.0.1', async () => {
  const { port } = server.address();
  // The collector of `edgeseg collect`, in this process: reports from visitors who allowed
  // measurement land in COLLECT_DIR (default demo/collected/), one NDJSON file a day.
  const out = process.env.COLLECT_DIR ?? join(here, 'collected');
  const collector = await startCollector({
    // PORT=0 (tests) picks any free port for the collector too.
    port: Number(process.env.COLLECT_PORT ?? (process.env.PORT === '0' ? 0 : 8081)),
    out,
    origins: [`http://127.0.0.1:${port}`],
    log: (line) => console.log(`collector: ${line}`),
  });
  collectUrl = `http://127.0.0.1:${collector.port}/events`;
  console.log(`edgeseg collect: ${collectUrl} → ${out}/events-YYYY-MM-DD.ndjson`);
  // The report page of `edgeseg dashboard` over what the collector wrote, re-read on every load.
  const dashboard = await startDashboard({
    port: Number(process.env.DASHBOARD_PORT ?? (process.env.PORT === '0' ? 0 : 8082)),
    dir: out,
    bundle: bundlePath,
    // The map of the training sample by segment (drift needs only the bundle's distance quantiles).
    ...(existsSync(data) ? { training: { input: data, spec: join(here, 'segments/uci.spec.json') } } : {}),
  });
  console.log(`edgeseg dashboard: http://127.0.0.1:${dashboard.port}/`);
  console.log(`edgeseg demo shop: http://127.0.0.1:${port}/`);
  // Traffic for the dashboard: Chromium visitors from the UCI sessions (demo/simulate.mjs), in
  // the background. EDGESEG_SIMULATE=0 turns it off, a number sets the visitors (default 200).
  if (process.env.EDGESEG_SIMULATE !== '0')
    simulate({
      url: `http://127.0.0.1:${port}`,
      visitors: Number(process.env.EDGESEG_SIMULATE || 200),
      lift: Number(process.env.EDGESEG_SIMULATE_LIFT ?? 0.3),
      out,
    }).catch((error) => console.error(`simulate: stopped: ${error.message}`));
});
