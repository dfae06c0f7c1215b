import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { numberFlag, parseArgs, stringFlag, UsageError } from '../args';
import { centroidProfiles, reportHtml } from '../report/html';
import { runReport } from '../report/run-report';
import { untilStopSignal } from '../stop-signal';
import { trainingMap } from '../report/training-map';
import { armWeights } from './report';

/** `edgeseg dashboard --help`. */
export const dashboardHelp = `edgeseg dashboard --port N --dir DIR [--bundle FILE] [--training FILE --spec FILE [--sample N]] [--host ADDR] [--views exposed|all]

Serves the report page live over a collector's folder (re-read on every load).

  --port N          port to listen on (0: any free port, printed)
  --dir DIR         the collector's --out folder (events-*.ndjson)
  --bundle FILE     bundle JSON: arm weights for the sample-ratio check and the centroid heatmap
  --training FILE   the training input (CSV/NDJSON) and its training spec: a map of a
  --spec FILE       training sample by segment (read once at start)
  --sample N        rows on the map (default 2000)
  --host ADDR       address to bind (default 127.0.0.1)
  --views SCOPE     exposed (default) or all, as in edgeseg report

GET / is the page of edgeseg report --html; GET /report.json the --json report.
Stops on SIGINT or SIGTERM.`;

/** A running dashboard. */
export interface Dashboard {
  port: number;
  close(): Promise<void>;
}

/** Starts the dashboard server (also used in-process by the demo). */
export async function startDashboard(options: {
  port: number;
  dir: string;
  bundle?: string;
  /** The training input and its spec, for the map (needs `bundle`). */
  training?: { input: string; spec: string; sample?: number };
  host?: string;
  scope?: 'exposed' | 'all';
}): Promise<Dashboard> {
  const bundle: unknown = options.bundle ? JSON.parse(readFileSync(options.bundle, 'utf8')) : undefined;
  const weights = armWeights(bundle);
  const profiles = centroidProfiles(bundle);
  const t = options.training;
  // The training sample does not change while the dashboard runs: projected once.
  if (t && bundle === undefined) throw new UsageError('--training needs --bundle (the segments to colour by)');
  const map = t ? trainingMap(bundle, t.input, t.spec, t.sample) : null;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method !== 'GET' || (path !== '/' && path !== '/report.json')) {
      res.writeHead(path === '/' || path === '/report.json' ? 405 : 404).end();
      return;
    }
    runReport({ paths: [options.dir], scope: options.scope ?? 'exposed', weights, confidence: 0.95 }).then(
      (table) => {
        if (path === '/report.json') {
          res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          res.end(JSON.stringify(table));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(reportHtml(table, profiles, 'edgeseg dashboard', map));
      },
      (error: Error) => {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end(`no report yet: ${error.message}\n`);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** `edgeseg dashboard`: serves until the process is told to stop. */
export async function dashboard(argv: readonly string[], log: (line: string) => void): Promise<number> {
  const args = parseArgs(argv);
  const port = numberFlag(args, 'port', Number.NaN, { min: 0, integer: true });
  if (Number.isNaN(port)) throw new Error('--port is required');
  const scope = stringFlag(args, 'views', 'exposed');
  if (scope !== 'exposed' && scope !== 'all') throw new Error('--views must be exposed or all');
  const host = stringFlag(args, 'host', '127.0.0.1');
  const bundle = args.flags.get('bundle');
  const training = args.flags.get('training');
  if (training === true) throw new UsageError('--training needs a file');
  const server = await startDashboard({
    port,
    dir: stringFlag(args, 'dir'),
    host,
    scope,
    ...(typeof bundle === 'string' ? { bundle } : {}),
    ...(training
      ? {
          training: {
            input: training,
            spec: stringFlag(args, 'spec'),
            sample: numberFlag(args, 'sample', 2000, { min: 2, integer: true }),
          },
        }
      : {}),
  });
  log(`edgeseg dashboard: http://${host}:${server.port}/`);
  await untilStopSignal();
  await server.close();
  return 0;
}
