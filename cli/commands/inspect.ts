import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { verifyBundleSignature } from '../../src/bundle/signature';
import type { Bundle } from '../../src/types/bundle';
import { parseArgs, numberFlag, stringFlag, UsageError } from '../args';
import { readBundleFile } from '../bundle-file';
import { readJson, writeAtomic } from '../io';
import { profileSvg, scatterSvg } from '../inspect/plots';
import { samplePoints } from '../inspect/sample-points';
import { loadPublicKeys } from '../keys/load-key';
import { assignRows } from '../inspect/assign-rows';
import { outcomeStats, outcomeTable, type OutcomeStats } from '../train/outcome';
import { readInput } from '../train/read-input';
import type { Table } from '../train/table';
import { checkTrainingSpec, type TrainingSpec } from '../train/training-spec';

/** `edgeseg inspect --help`. */
export const inspectHelp = `edgeseg inspect BUNDLE.json [options]

Summarises a bundle (segments, sizes and shares, distinctive features, outcome per
segment, signature) and draws SVG plots.

  --key FILES          public key(s) to check the signature with (JWK, JWK Set or PEM)
  --svg-dir DIR        write BUNDLE.profile.svg (segment × feature heatmap) there
  --input FILE         training data (CSV/NDJSON/events) for BUNDLE.pca.svg, a 2-D PCA
  --spec FILE          scatter of a sample coloured by segment (needs --svg-dir)
  --sample N           rows in the scatter (default 2000)
  --outcome COLUMN     the rate (0/1 column) or mean of COLUMN per segment, with each
                       segment's share of rows, from --input and --spec (every row
                       assigned by the SDK's scorer); without --input, the bundle's own
                       training statistics when they hold that outcome`;

function top(bundle: Bundle, i: number): string {
  const row = bundle.model.centroids[i] ?? [];
  return row
    .map((v, j) => ({ v, label: bundle.features[j]?.label ?? bundle.features[j]?.name ?? '' }))
    .sort((a, b) => Math.abs(b.v) - Math.abs(a.v))
    .slice(0, 3)
    .map((f) => `${f.label} ${f.v >= 0 ? '+' : ''}${f.v.toFixed(2)}`)
    .join(', ');
}

async function signatureStatus(raw: Record<string, unknown>, keyArg: string | true | undefined): Promise<string> {
  const sig = raw['signature'] as { kid?: string } | undefined;
  if (!sig) return 'unsigned';
  if (typeof keyArg !== 'string') return `signed${sig.kid ? ` (key ${sig.kid})` : ''}, not checked (pass --key)`;
  const error = await verifyBundleSignature(raw, loadPublicKeys(keyArg.split(',')));
  return error ? `INVALID: ${error.code}` : `valid${sig.kid ? ` (key ${sig.kid})` : ''}`;
}

/**
 * The outcome per segment to show: computed from the input when there is one (every row
 * assigned by the SDK's scorer), else the bundle's training statistics for that column.
 */
function segmentOutcome(
  bundle: Bundle,
  column: string | undefined,
  data: { spec: TrainingSpec; table: Table } | null,
  stored: OutcomeStats | undefined,
): OutcomeStats | null {
  if (column === undefined) return stored ?? null;
  if (data) {
    const { labels, extras } = assignRows(bundle, data.spec, data.table, [column]);
    return outcomeStats(
      column,
      bundle.segments.map((s) => s.id),
      labels,
      extras[0] as Float64Array,
    );
  }
  if (stored?.column === column) return stored;
  throw new UsageError(
    `--outcome ${column} needs --input and --spec (the bundle's training statistics do not hold it)`,
  );
}

/** `edgeseg inspect`: a bundle summary and, with `--svg-dir`, its plots. */
export async function inspect(argv: readonly string[], log: (line: string) => void): Promise<number> {
  const args = parseArgs(argv);
  const path = args.positional[0];
  if (!path) throw new UsageError('which bundle?');
  const { raw, bundle, bytes } = readBundleFile(path);
  const training = raw['training'] as
    | {
        rows?: number;
        sizes?: number[];
        inertia?: number;
        silhouette?: number;
        source?: string;
        outcome?: OutcomeStats;
      }
    | undefined;
  const sizes = training?.sizes;
  log(
    `${path}: ${bundle.format}, version ${bundle.version}${bundle.id ? `, id ${bundle.id}` : ''}, ${bytes} bytes${bundle.createdAt ? `, created ${bundle.createdAt}` : ''}`,
  );
  log(`signature: ${await signatureStatus(raw, args.flags.get('key'))}`);
  if (training)
    log(
      `training: ${[training.source && `from ${training.source}`, training.rows && `${training.rows} rows`, training.inertia !== undefined && `inertia ${training.inertia}`, training.silhouette !== undefined && `silhouette ${training.silhouette}`].filter(Boolean).join(', ')}`,
    );
  log(`features (${bundle.features.length}):`);
  bundle.features.forEach((f) =>
    log(
      `  ${f.name.padEnd(32)} ${[f.transform, f.scale && `${f.scale.type}-scaled`, f.weight !== undefined && `weight ${f.weight}`].filter(Boolean).join(', ')}`,
    ),
  );
  const input = args.flags.get('input');
  const outcomeFlag = args.flags.get('outcome');
  if (outcomeFlag === true) throw new UsageError('--outcome needs a column name');
  let data: { spec: TrainingSpec; table: Table } | null = null;
  if (typeof input === 'string') {
    const specPath = stringFlag(args, 'spec');
    const spec = checkTrainingSpec(readJson<unknown>(specPath), specPath);
    const { table } = readInput(input, spec, {
      skipBad: true,
      ...(typeof outcomeFlag === 'string' ? { outcome: outcomeFlag } : {}),
    });
    data = { spec, table };
  }
  const outcome = segmentOutcome(bundle, outcomeFlag, data, training?.outcome);
  const total = sizes?.reduce((a, b) => a + b, 0) ?? 0;
  log(`segments (${bundle.segments.length}, ${bundle.model.metric ?? 'euclidean'}):`);
  if (outcome)
    outcomeTable(
      outcome,
      bundle.segments.map((s, i) => `${s.label}: ${top(bundle, i)}`),
    ).forEach((l) => log(`  ${l}`));
  else
    bundle.segments.forEach((s, i) =>
      log(
        `  ${s.id.padEnd(16)} ${(sizes?.[i] !== undefined ? String(sizes[i]) : '').padStart(7)} ${(sizes?.[i] !== undefined && total > 0 ? `${((100 * sizes[i]) / total).toFixed(1)}%` : '').padStart(6)}  ${s.label}: ${top(bundle, i)}`,
      ),
    );
  const svgDir = args.flags.get('svg-dir');
  if (typeof svgDir !== 'string') return 0;
  mkdirSync(svgDir, { recursive: true });
  const stem = join(svgDir, basename(path).replace(/\.json$/, ''));
  const shares =
    outcome?.segments.map((s) => s.share) ?? (sizes && total > 0 ? sizes.map((n) => n / total) : undefined);
  writeAtomic(`${stem}.profile.svg`, profileSvg(bundle, sizes, shares, outcome ?? undefined));
  log(`wrote ${stem}.profile.svg`);
  if (data) {
    const { spec, table } = data;
    const { points, centres, explained } = samplePoints(
      bundle,
      spec,
      table,
      numberFlag(args, 'sample', 2000, { min: 2, integer: true }),
    );
    writeAtomic(`${stem}.pca.svg`, scatterSvg(bundle, points, centres, explained, shares, outcome ?? undefined));
    log(`wrote ${stem}.pca.svg`);
  }
  return 0;
}
