import { readFileSync } from 'node:fs';
import { writeAtomic } from '../io';
import { numberFlag, parseArgs, stringFlag, UsageError } from '../args';
import type { ProgressStream } from '../progress';
import type { ArmWeights } from '../report/build-report';
import { reportCsv, reportText } from '../report/format';
import { centroidProfiles, reportHtml } from '../report/html';
import { runReport } from '../report/run-report';
import type { ViewScope } from '../report/tally';
import { trainingMap, type TrainingMap } from '../report/training-map';
import type { Args } from '../args';

/** `edgeseg report --help`. */
export const reportHelp = `edgeseg report DIR|FILE... [--bundle FILE] [--views exposed|all] [--json] [--csv] [--out FILE] [--html FILE] [--training FILE --spec FILE [--sample N]] [--confidence C]

Reads the collector's NDJSON and prints uplift per experiment, arm and segment.

  DIR|FILE...       a collector folder (every events-*.ndjson in it) or NDJSON files; a line is
                    a report as edgeseg collect writes it or a whole edgeseg-events/1 payload
  --bundle FILE     bundle or config JSON whose experiments give the arm weights for the
                    sample-ratio check (without it, equal weights are assumed)
  --views SCOPE     exposed: page views that rendered the arm (default); all: every page
                    view of a visitor in the arm (within the attribution window)
  --json            print the whole report as JSON (edgeseg-report/1)
  --csv             print the rows as CSV
  --out FILE        write to FILE instead of standard output
  --html FILE       also write a self-contained HTML page with the charts (ECharts inlined)
  --training FILE   with --html and --bundle: the training input (CSV/NDJSON) and its
  --spec FILE       training spec, for the map of a training sample by segment
  --sample N        rows on the map (default 2000; every n-th row, deterministic)
  --confidence C    interval level, 0.5-0.999 (default 0.95)

Rates: conversions / views with Wilson intervals; uplift of each arm over control in the
same segment with Newcomb's hybrid Wilson interval; value per view with Welch's interval.
Randomized reports are de-biased (docs/events-format.md). Drift: per segment, the share of
page views beyond the training p90 and p99 distance to the centroid (reports carry a
distance band when the bundle has distance quantiles), and "retrain" when the share
beyond p90 is, with the interval's confidence, above 15% (docs/report.md). Malformed lines, invalid
reports, other format versions and duplicate ids are counted and listed, never dropped
silently; the exit code is 0 even then (the summary says what was skipped).`;

/** Arm weights from a bundle's or a config's (`measurement.experiments`) experiments. */
export function armWeights(json: unknown): ArmWeights {
  const doc = (json ?? {}) as {
    experiments?: { id: string; arms?: { id: string; weight?: number }[] }[];
    measurement?: { experiments?: { id: string; arms?: { id: string; weight?: number }[] }[] };
  };
  const out: ArmWeights = new Map();
  for (const e of [...(doc.experiments ?? []), ...(doc.measurement?.experiments ?? [])]) {
    if (typeof e?.id === 'string' && Array.isArray(e.arms)) {
      out.set(e.id, new Map(e.arms.map((a) => [a.id, typeof a.weight === 'number' ? a.weight : 1])));
    }
  }
  return out;
}

/** The map of `--training FILE --spec FILE [--sample N]` (with a bundle), or null without `--training`. */
export function mapFromFlags(args: Args, bundleJson: unknown): TrainingMap | null {
  const training = args.flags.get('training');
  if (training === undefined) return null;
  if (typeof training !== 'string') throw new UsageError('--training needs a file');
  if (bundleJson === undefined) throw new UsageError('--training needs --bundle (the segments to colour by)');
  const sample = numberFlag(args, 'sample', 2000, { min: 2, integer: true });
  return trainingMap(bundleJson, training, stringFlag(args, 'spec'), sample);
}

/** `edgeseg report`. */
export async function report(
  argv: readonly string[],
  log: (line: string) => void,
  progress: ProgressStream = process.stderr,
): Promise<number> {
  const args = parseArgs(argv, new Set(['json', 'csv']));
  if (args.positional.length === 0) throw new UsageError('give a collector folder or NDJSON files');
  const scope = stringFlag(args, 'views', 'exposed');
  if (scope !== 'exposed' && scope !== 'all') throw new UsageError('--views must be exposed or all');
  const confidence = numberFlag(args, 'confidence', 0.95, { min: 0.5 });
  if (confidence > 0.999) throw new UsageError('--confidence must be at most 0.999');
  if (args.flags.has('json') && args.flags.has('csv')) throw new UsageError('--json and --csv exclude each other');
  const bundle = args.flags.get('bundle');
  const bundleJson: unknown = typeof bundle === 'string' ? JSON.parse(readFileSync(bundle, 'utf8')) : undefined;
  const weights = armWeights(bundleJson);
  const html = args.flags.get('html');
  if (args.flags.has('training') && typeof html !== 'string') throw new UsageError('--training is for the --html page');
  // Before the (long) report: a wrong flag fails at once.
  const map = mapFromFlags(args, bundleJson);
  const table = await runReport({ paths: args.positional, scope: scope as ViewScope, weights, confidence, progress });
  const text = args.flags.has('json')
    ? JSON.stringify(table, null, 2)
    : args.flags.has('csv')
      ? reportCsv(table)
      : reportText(table);
  if (typeof html === 'string') writeAtomic(html, reportHtml(table, centroidProfiles(bundleJson), undefined, map));
  const out = args.flags.get('out');
  if (typeof out === 'string') writeAtomic(out, `${text}\n`);
  else log(text);
  return 0;
}
