import type { FeatureSpec } from '../types/bundle';
import type { Profile } from '../types/profile';
import { resolveFeature, type FeatureContext } from './catalogue';

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
 * The model input for a profile: one value per spec, in spec order. The CLI trains on
 * rows that went through the same {@link transformFeature}, so offline and live agree.
 */
export function computeFeatures(specs: readonly FeatureSpec[], profile: Profile | null, ctx: FeatureContext): Float32Array {
  const out = new Float32Array(specs.length);
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i] as FeatureSpec;
    out[i] = transformFeature(spec, resolveFeature(spec.name, profile, ctx));
  }
  return out;
}
