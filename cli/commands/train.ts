import { parseArgs, numberFlag, stringFlag, type Args } from '../args';
import { readJson, readText, writeAtomic } from '../io';
import { parseCsv } from '../train/csv';
import { trainBundle } from '../train/train-bundle';
import type { TrainingSpec } from '../train/training-spec';
import type { SegmentMeta } from '../../src/types/bundle';

export const trainHelp = `edgeseg train --input FILE.csv --spec SPEC.json --out BUNDLE.json [options]

Trains k-means segments on a CSV of feature rows and writes an edgeseg-bundle/1.

  --input FILE       CSV (delimiter detected; .gz is read transparently)
  --spec FILE        training spec: catalogue feature, CSV column, transform, scaling
  --out FILE         bundle to write (atomically)
  --k N              number of segments (default 4)
  --seed N           random seed; the same seed gives the same bundle (default 1)
  --restarts N       k-means++ restarts, best inertia kept (default 5)
  --version N        bundle version, must grow with each release (default 1)
  --labels FILE      JSON {"segment-1": {"id": "...", "label": "...", "description": "..."}}
  --delimiter C      force the CSV delimiter
  --skip-bad         skip malformed lines and non-numeric cells (counted) instead of failing`;

export function train(argv: readonly string[], log: (line: string) => void): number {
  const args: Args = parseArgs(argv, new Set(['skip-bad']));
  const input = stringFlag(args, 'input');
  const spec = readJson<TrainingSpec>(stringFlag(args, 'spec'));
  const out = stringFlag(args, 'out');
  const skipBad = args.flags.get('skip-bad') === true;
  const delimiter = args.flags.get('delimiter');
  const { csv, bad } = parseCsv(readText(input), typeof delimiter === 'string' ? delimiter : undefined);
  if (bad.length > 0 && !skipBad) {
    const first = bad[0] as { line: number; reason: string };
    throw new Error(`${input}: line ${first.line}: ${first.reason} (${bad.length} malformed line${bad.length > 1 ? 's' : ''}; --skip-bad to skip)`);
  }
  const labelsPath = args.flags.get('labels');
  const started = performance.now();
  const report = trainBundle(csv, spec, {
    k: numberFlag(args, 'k', 4, { min: 1, integer: true }),
    seed: numberFlag(args, 'seed', 1, { integer: true }),
    restarts: numberFlag(args, 'restarts', 5, { min: 1, integer: true }),
    version: numberFlag(args, 'version', 1, { min: 0, integer: true }),
    skipBad,
    ...(typeof labelsPath === 'string' ? { labels: readJson<Record<string, Partial<SegmentMeta>>>(labelsPath) } : {}),
  });
  writeAtomic(out, JSON.stringify(report.bundle, null, 2) + '\n');
  const ms = performance.now() - started;
  log(`trained ${report.bundle.segments.length} segments on ${report.rows} rows in ${ms.toFixed(0)} ms` +
    (report.skipped + bad.length > 0 ? ` (${report.skipped + bad.length} skipped)` : ''));
  log(`inertia ${report.inertia.toFixed(2)}, ${report.iterations} iterations`);
  report.bundle.segments.forEach((s, i) => log(`  ${s.id.padEnd(16)} ${String(report.sizes[i]).padStart(6)}  ${s.label}: ${s.description ?? ''}`));
  log(`wrote ${out}`);
  return 0;
}
