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
import { readInput } from '../train/read-input';
import { checkTrainingSpec } from '../train/training-spec';

/** `edgeseg inspect --help`. */
export const inspectHelp = `edgeseg inspect BUNDLE.json [options]

Summarises a bundle (segments, sizes, distinctive features, signature) and draws SVG plots.

  --key FILES          public key(s) to check the signature with (JWK, JWK Set or PEM)
  --svg-dir DIR        write BUNDLE.profile.svg (segment × feature heatmap) there
  --input FILE         training data (CSV/NDJSON/events) for BUNDLE.pca.svg, a 2-D PCA
  --spec FILE          scatter of a sample coloured by segment (needs --svg-dir)
  --sample N           rows in the scatter (default 2000)`;

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

/** `edgeseg inspect`: a bundle summary and, with `--svg-dir`, its plots. */
export async function inspect(argv: readonly string[], log: (line: string) => void): Promise<number> {
  const args = parseArgs(argv);
  const path = args.positional[0];
  if (!path) throw new UsageError('which bundle?');
  const { raw, bundle, bytes } = readBundleFile(path);
  const training = raw['training'] as
    { rows?: number; sizes?: number[]; inertia?: number; silhouette?: number; source?: string } | undefined;
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
  log(`segments (${bundle.segments.length}, ${bundle.model.metric ?? 'euclidean'}):`);
  bundle.segments.forEach((s, i) =>
    log(
      `  ${s.id.padEnd(16)} ${(sizes?.[i] !== undefined ? String(sizes[i]) : '').padStart(7)}  ${s.label}: ${top(bundle, i)}`,
    ),
  );
  const svgDir = args.flags.get('svg-dir');
  if (typeof svgDir !== 'string') return 0;
  mkdirSync(svgDir, { recursive: true });
  const stem = join(svgDir, basename(path).replace(/\.json$/, ''));
  writeAtomic(`${stem}.profile.svg`, profileSvg(bundle, sizes));
  log(`wrote ${stem}.profile.svg`);
  const input = args.flags.get('input');
  if (typeof input === 'string') {
    const specPath = stringFlag(args, 'spec');
    const spec = checkTrainingSpec(readJson<unknown>(specPath), specPath);
    const { table } = readInput(input, spec, { skipBad: true });
    const { points, centres, explained } = samplePoints(
      bundle,
      spec,
      table,
      numberFlag(args, 'sample', 2000, { min: 2, integer: true }),
    );
    writeAtomic(`${stem}.pca.svg`, scatterSvg(bundle, points, centres, explained));
    log(`wrote ${stem}.pca.svg`);
  }
  return 0;
}
