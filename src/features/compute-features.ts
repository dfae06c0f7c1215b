import type { FeatureSpec, Projection } from '../types/bundle';
import type { Profile } from '../types/profile';
import { resolveFeature } from './catalogue';
import type { FeatureContext } from './context';
import { resolveCategory } from './category';

/** Applies one spec's imputation, clipping, transform, scaling and weight to a raw value. */
export function transformFeature(spec: FeatureSpec, raw: number | undefined): number {
  let v = raw === undefined || !Number.isFinite(raw) ? (spec.impute ?? 0) : raw;
  if (spec.clip) v = Math.min(Math.max(v, spec.clip[0] as number), spec.clip[1] as number);
  if (spec.transform === 'log1p') v = Math.log1p(Math.max(v, 0));
  const scale = spec.scale;
  if (scale?.type === 'z') {
    const { mean = 0, std = 0 } = scale;
    // A constant training column carries no information: it contributes 0, not Infinity.
    v = std > 0 ? (v - mean) / std : 0;
  } else if (scale?.type === 'minmax') {
    const { min = 0, max = 0 } = scale;
    v = max > min ? (v - min) / (max - min) : 0;
  }
  return v * (spec.weight ?? 1);
}

/**
 * The category of a one-hot feature: the string lookup when there is one (traits, page
 * type), else the numeric catalogue value as text (so `weekend` one-hots as "0" / "1").
 */
export function categoryOf(spec: FeatureSpec, profile: Profile | null, ctx: FeatureContext): string | undefined {
  if (ctx.withheld?.(spec.name)) return undefined;
  const text = resolveCategory(spec.name, profile);
  if (text !== undefined) return text;
  const n = resolveFeature(spec.name, profile, ctx);
  return n === undefined ? undefined : String(n);
}

/**
 * The model input for a profile, before any projection: one value per numeric spec and
 * one per category of a one-hot spec, in spec order. The CLI trains on rows that went
 * through the same {@link transformFeature}, so offline and live agree.
 */
export function computeFeatures(
  specs: readonly FeatureSpec[],
  profile: Profile | null,
  ctx: FeatureContext,
): Float32Array {
  let width = 0;
  for (const spec of specs) width += spec.categories?.length ?? 1;
  const out = new Float32Array(width);
  let j = 0;
  for (const spec of specs) {
    const categories = spec.categories;
    if (categories) {
      const index = categories.indexOf(categoryOf(spec, profile, ctx) as string);
      if (index >= 0) out[j + index] = spec.weight ?? 1;
      j += categories.length;
    } else out[j++] = transformFeature(spec, resolveFeature(spec.name, profile, ctx));
  }
  return out;
}

/** `matrix · (x − mean)`: the PCA (or any linear) projection a bundle may carry. */
export function project(projection: Projection, x: Float32Array): Float32Array {
  const { matrix, mean } = projection;
  const out = new Float32Array(matrix.length);
  for (let i = 0; i < matrix.length; i++) {
    const row = matrix[i] as number[];
    let sum = 0;
    for (let j = 0; j < row.length; j++)
      sum += (row[j] as number) * ((x[j] as number) - (mean ? (mean[j] as number) : 0));
    out[i] = sum;
  }
  return out;
}
