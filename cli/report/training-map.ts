import { validateBundle } from '../../src/bundle/validate-bundle';
import { samplePoints } from '../inspect/sample-points';
import { readJson } from '../io';
import { readInput } from '../train/read-input';
import { checkTrainingSpec } from '../train/training-spec';

/** The dashboard's map: a training sample on its first two principal components, by segment. */
export interface TrainingMap {
  /** Labels of the segments owning a centroid, in centroid order (the legend). */
  segments: string[];
  /** `[pc1, pc2, segment index]` per sampled row. */
  points: [number, number, number][];
  /** Each centroid on the same axes, in centroid order. */
  centres: [number, number][];
  /** How much of the variance each axis explains, in words. */
  explained: string;
}

/** Four significant digits: a screen has no more, and the page stays small. */
const short = (v: number): number => Number(v.toPrecision(4));

/**
 * Projects a bounded, deterministic sample of the training input (every n-th row, at most
 * `size`) with the bundle's own feature specs onto the first two principal components and
 * colours it by the SDK scorer's segment: the same computation as `edgeseg inspect`'s
 * PCA plot. Nothing is added to the bundle, which browsers download.
 */
export function trainingMap(bundleJson: unknown, inputPath: string, specPath: string, size = 2000): TrainingMap {
  const checked = validateBundle(bundleJson);
  if (!checked.ok) throw new Error(`the map needs a valid bundle: ${checked.error.message}`);
  const bundle = checked.bundle;
  if (bundle.projection || bundle.features.some((f) => f.categories))
    throw new Error('the map needs a bundle without projection or one-hot features (as edgeseg train makes them)');
  const spec = checkTrainingSpec(readJson<unknown>(specPath), specPath);
  const { table } = readInput(inputPath, spec, { skipBad: true });
  const { points, centres, explained } = samplePoints(bundle, spec, table, size);
  return {
    segments: bundle.segments.filter((s) => !s.ruleOnly).map((s) => s.label),
    points: points.map((p) => [short(p.xy[0] as number), short(p.xy[1] as number), p.segment]),
    centres: centres.map((c) => [short(c[0] as number), short(c[1] as number)]),
    explained,
  };
}
