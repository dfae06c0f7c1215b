import { parseArgs, numberFlag, stringFlag, UsageError, type Args } from '../args';
import { readJson, writeAtomic } from '../io';
import { progressBar } from '../progress';
import { kScanSvg, kScanTable, parseKRange, type KSelection } from '../train/k-scan';
import type { KMeansAlgorithm } from '../train/kmeans';
import { outcomeTable } from '../train/outcome';
import { readInput, type InputFormat } from '../train/read-input';
import { trainBundle } from '../train/train-bundle';
import { checkTrainingSpec } from '../train/training-spec';
import type { SegmentMeta } from '../../src/types/bundle';

/** `edgeseg train --help`. */
export const trainHelp = `edgeseg train --input FILE --spec SPEC.json --out BUNDLE.json [options]

Trains k-means segments on feature rows or raw events and writes an edgeseg-bundle/1.

Input
  --input FILE         CSV (delimiter detected), NDJSON feature rows, or NDJSON raw events
                       (features computed by the browser's own reducer); .gz read transparently
  --format F           csv | ndjson | events (default: from the file name and first line)
  --delimiter C        force the CSV delimiter
  --spec FILE          training spec: catalogue feature, input column, impute, clip,
                       transform, scale (z | minmax | none), weight, label
  --skip-bad           skip malformed lines and non-numeric cells (counted) instead of failing
  --allow-constant     keep a feature whose training values are all equal (it scores 0)

Model
  --k N|auto           number of segments (default 4); auto scans --k-range
  --k-range A..B       range --k auto scans (default 2..10)
  --select S           how auto picks k: silhouette (default) | elbow
  --plot FILE.svg      where --k auto writes the inertia/silhouette plot
                       (default: BUNDLE.k-scan.svg beside the bundle)
  --algorithm A        hamerly (default: exact Lloyd, accelerated) | lloyd | minibatch
  --batch-size N       mini-batch rows per step (default 1024)
  --max-iterations N   iterations (batches for minibatch) per restart (default 300 / 500)
  --restarts N         k-means++ restarts, best inertia kept (default 5)
  --seed N             random seed; the same seed gives the same centroids (default 1)
  --threads N          threads for k-means (default: every core); the result does not change
  --silhouette-sample N  rows in the silhouette sample (default 2000)

Output
  --out FILE           bundle to write (atomically: a failed run leaves no file)
  --outcome COLUMN     report this column per segment: the rate of a 0/1 (TRUE/FALSE)
                       column or the mean of a number, beside each segment's share of
                       rows; kept in the bundle's training statistics (raw events: a
                       catalogue feature, e.g. purchases)
  --version N          bundle version, must grow with each release (default 1)
  --labels FILE        JSON {"segment-1": {"id": "...", "label": "...", "description": "..."}}`;

const ALGORITHMS = new Set(['hamerly', 'lloyd', 'minibatch']);
const FORMATS = new Set(['csv', 'ndjson', 'events']);

function choice<T extends string>(args: Args, name: string, allowed: Set<string>): T | undefined {
  const value = args.flags.get(name);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.has(value))
    throw new UsageError(`--${name} must be one of ${[...allowed].join(', ')}`);
  return value as T;
}

function readLabels(path: string): Record<string, Partial<SegmentMeta>> {
  const labels = readJson<unknown>(path);
  if (
    !labels ||
    typeof labels !== 'object' ||
    Array.isArray(labels) ||
    Object.values(labels).some((v) => !v || typeof v !== 'object')
  ) {
    throw new Error(`${path}: labels must be an object like {"segment-1": {"id": "shopper", "label": "Shopper"}}`);
  }
  return labels as Record<string, Partial<SegmentMeta>>;
}

/** `edgeseg train`: input + training spec → bundle (and, with `--k auto`, the scan table and plot). */
export async function train(argv: readonly string[], log: (line: string) => void): Promise<number> {
  const args: Args = parseArgs(argv, new Set(['skip-bad', 'allow-constant']));
  const input = stringFlag(args, 'input');
  const specPath = stringFlag(args, 'spec');
  const out = stringFlag(args, 'out');
  const kFlag = stringFlag(args, 'k', '4');
  const auto = kFlag === 'auto';
  const k = auto
    ? parseKRange(stringFlag(args, 'k-range', '2..10'))
    : numberFlag(args, 'k', 4, { min: 1, integer: true });
  const select = choice<KSelection>(args, 'select', new Set(['silhouette', 'elbow']));
  const algorithm = choice<KMeansAlgorithm>(args, 'algorithm', ALGORITHMS);
  const format = choice<InputFormat>(args, 'format', FORMATS);
  const skipBad = args.flags.get('skip-bad') === true;
  const delimiter = args.flags.get('delimiter');
  const labelsPath = args.flags.get('labels');
  const options = {
    seed: numberFlag(args, 'seed', 1, { integer: true }),
    restarts: numberFlag(args, 'restarts', 5, { min: 1, integer: true }),
    version: numberFlag(args, 'version', 1, { min: 0, integer: true }),
    batchSize: numberFlag(args, 'batch-size', 1024, { min: 1, integer: true }),
    silhouetteSample: numberFlag(args, 'silhouette-sample', 2000, { min: 2, integer: true }),
    ...(args.flags.has('threads') ? { threads: numberFlag(args, 'threads', 1, { min: 1, integer: true }) } : {}),
    ...(args.flags.has('max-iterations')
      ? { maxIterations: numberFlag(args, 'max-iterations', 300, { min: 1, integer: true }) }
      : {}),
  };
  const spec = checkTrainingSpec(readJson<unknown>(specPath), specPath);
  const labels = typeof labelsPath === 'string' ? readLabels(labelsPath) : undefined;
  const outcome = args.flags.get('outcome');
  if (outcome === true) throw new UsageError('--outcome needs a column name');
  const { table, bad } = readInput(input, spec, {
    skipBad,
    ...(outcome !== undefined ? { outcome } : {}),
    ...(format ? { format } : {}),
    ...(typeof delimiter === 'string' ? { delimiter } : {}),
  });
  if (bad.length > 0 && !skipBad) {
    const first = bad[0] as { line: number; reason: string };
    throw new Error(
      `${input}: line ${first.line}: ${first.reason}${bad.length > 1 ? ` (${bad.length} malformed lines)` : ''}; --skip-bad to skip such lines`,
    );
  }
  const bar = progressBar(auto ? 'scanning k' : 'training');
  const report = await (async () => {
    try {
      return await trainBundle(table, spec, {
        ...options,
        k,
        skipBad,
        allowConstant: args.flags.get('allow-constant') === true,
        onProgress: (d) => bar.update(d),
        ...(outcome !== undefined ? { outcome } : {}),
        ...(select ? { select } : {}),
        ...(algorithm ? { algorithm } : {}),
        ...(labels ? { labels } : {}),
      });
    } finally {
      bar.done();
    }
  })();
  const { bundle, scan } = report;
  const t = bundle.training;
  if (scan) {
    kScanTable(scan, t.k).forEach((line) => log(line));
    const plot = stringFlag(args, 'plot', out.replace(/(\.json)?$/, '.k-scan.svg'));
    writeAtomic(
      plot,
      kScanSvg(
        scan,
        t.k,
        `k scan: ${input.split('/').pop()} (${t.rows} rows), chosen k = ${t.k} by ${select ?? 'silhouette'}`,
      ),
    );
    log(`k = ${t.k} chosen by ${select ?? 'silhouette'}; plot written to ${plot}`);
  }
  writeAtomic(out, JSON.stringify(bundle, null, 2) + '\n');
  const skipped = t.skipped + bad.length;
  log(
    `trained ${bundle.segments.length} segments on ${t.rows} rows in ${report.ms.toFixed(0)} ms (features ${report.phases.featuresMs.toFixed(0)} ms, k-means ${report.phases.kmeansMs.toFixed(0)} ms${report.threads > 1 ? ` on ${report.threads} threads` : ''})${skipped > 0 ? ` (${skipped} skipped)` : ''}`,
  );
  log(
    `inertia ${t.inertia.toFixed(2)}, silhouette ${t.silhouette.toFixed(3)} (sampled), ${t.iterations} iterations, ${t.algorithm}`,
  );
  const described = bundle.segments.map((s) => `${s.label}: ${s.description ?? ''}`);
  if (t.outcome) outcomeTable(t.outcome, described).forEach((line) => log(`  ${line}`));
  else
    bundle.segments.forEach((s, i) =>
      log(
        `  ${s.id.padEnd(16)} ${String(t.sizes[i]).padStart(7)} ${`${((100 * (t.sizes[i] ?? 0)) / t.rows).toFixed(1)}%`.padStart(6)}  ${described[i]}`,
      ),
    );
  log(`wrote ${out}`);
  return 0;
}
