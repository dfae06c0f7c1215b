/** How one feature is turned from a profile value into a model input. */
export interface FeatureSpec {
  /** A name from the feature catalogue, e.g. `session.pages.product_related`. */
  name: string;
  /** Value used when the profile has none. Default 0. */
  impute?: number;
  /** Clip to `[min, max]` before transforming. */
  clip?: number[];
  transform?: 'none' | 'log1p';
  /** `z`: `(v - mean) / std` (needs `mean`, `std`); `minmax`: `(v - min) / (max - min)`. */
  scale?: { type: 'z' | 'minmax'; mean?: number; std?: number; min?: number; max?: number };
  /** Multiplies the scaled value; 0 switches a feature off without retraining. */
  weight?: number;
  /** Words for explanations, e.g. "product pages viewed this session". */
  label?: string;
}

export interface CentroidModel {
  type: 'centroids';
  /** Default `euclidean`. */
  metric?: 'euclidean' | 'cosine';
  /** One row per segment, in `segments` order; each row has one value per feature. */
  centroids: number[][];
  /** Softmax temperature for confidence from distances. Default 1. */
  temperature?: number;
  /** Beyond this distance to the nearest centroid the visitor stays unassigned. */
  maxDistance?: number;
}

export interface SegmentMeta {
  id: string;
  label: string;
  description?: string;
}

/** A validated `edgeseg-bundle/1` document. */
export interface Bundle {
  format: 'edgeseg-bundle/1';
  /** Monotonic version; an older one than the last known good is refused. */
  version: number;
  id?: string;
  createdAt?: string;
  expiresAt?: string;
  /** Named groups of page types, e.g. `{ name: 'product_related', types: ['product', 'category'] }`. */
  pageGroups?: { name: string; types: string[] }[];
  features: FeatureSpec[];
  model: CentroidModel;
  segments: SegmentMeta[];
}
