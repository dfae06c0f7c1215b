import type { ExperimentSpec } from './experiment';

/** How one feature is turned from a profile value into model inputs. */
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
  /**
   * One-hot encoding of a categorical feature (a string trait, the page type, ...): the
   * feature becomes one input per category, 1 for the visitor's value (times `weight`)
   * and 0 elsewhere. Numeric options (`impute`, `clip`, `scale`) do not apply.
   */
  categories?: string[];
}

/** An optional linear projection (PCA) applied after the feature transforms. */
export interface Projection {
  /** One row per output dimension; each row has one value per feature input. */
  matrix: number[][];
  /** Subtracted from the inputs before projecting (the training mean). */
  mean?: number[];
}

export interface CentroidModel {
  type: 'centroids';
  /** Default `euclidean`. */
  metric?: 'euclidean' | 'cosine';
  /** One row per model segment, in `segments` order; one value per model input. */
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
  /** Reached only through an override rule: no centroid row belongs to it. */
  ruleOnly?: boolean;
  /**
   * How far the training rows nearest to this centroid sat from it (the model's metric, in
   * its input space): the 50th, 90th and 99th percentiles, nearest rank (`edgeseg train`
   * writes them). With them each page-view report carries a `distanceBand` and
   * `edgeseg report` measures drift (docs/report.md).
   */
  distanceQuantiles?: DistanceQuantiles;
}

/** Percentiles of the training rows' distances to their own centroid; `p50 ≤ p90 ≤ p99`. */
export interface DistanceQuantiles {
  p50: number;
  p90: number;
  p99: number;
}

/**
 * One test inside a rule. `input` names a catalogue feature (its raw value, e.g.
 * `event.purchase`), `trait.<name>` (number, boolean or string), `feature.<name>` (the
 * transformed model input), `propensity.<output>`, `score.<id>`, `segment` (the model's
 * choice) or `context.<page_type|weekday|hour>`.
 */
export interface Condition {
  input: string;
  op: 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq' | 'in' | 'exists' | 'missing';
  /** The number compared with for `gt` … `neq`. */
  value?: number;
  /** The strings (or one string) matched by `eq`, `neq` and `in`. */
  values?: string[];
}

/** A declarative rule: when every `all` and at least one `any` condition hold. */
export interface Rule {
  id: string;
  /** `override`: the visitor is put in `segment`; `overlay`: the rule's id is added to `overlays`. */
  mode: 'override' | 'overlay';
  /** The segment an override assigns (an id from `segments`). */
  segment?: string;
  all?: Condition[];
  any?: Condition[];
  /** Words for explanations, e.g. "bought twice this year but not for two months". */
  label?: string;
}

/** A weighted composite score: `bias + Σ weight × value(input)`, optionally squashed by a sigmoid. */
export interface CompositeScore {
  id: string;
  label?: string;
  terms: { input: string; weight: number }[];
  bias?: number;
  squash?: 'none' | 'sigmoid';
}

/** A dense layer of a tfjs network: `activation(x · weights + bias)`. */
export interface DenseLayer {
  units: number;
  activation?: 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax';
  /** `[inputs][units]`, inline; omitted when the network's `weightsUrl` carries it. */
  weights?: number[][];
  bias?: number[];
}

/**
 * A small network run with tfjs-core on the visitor's features (after transforms and
 * before any projection). Its outputs are the propensities named in `outputs`, usable
 * by rules and scores as `propensity.<name>`.
 */
export interface TfjsModel {
  layers: DenseLayer[];
  outputs: string[];
  /**
   * Binary weights instead of inline ones: little-endian float32, per layer its weights
   * (row-major `[inputs][units]`) then its bias. Resolved against the bundle URL.
   */
  weightsUrl?: string;
  /** SHA-256 of the binary weights, base64url: the signature covers it, so it covers them. */
  weightsSha256?: string;
}

/** A pinned public key: an EC P-256 JWK (`kty: "EC"`, `crv: "P-256"`, `x`, `y`, optional `kid`). */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid?: string;
}

/** A validated `edgeseg-bundle/1` document. */
export interface Bundle extends ExperimentSpec {
  format: 'edgeseg-bundle/1';
  /** Monotonic version; an older one than the last known good is refused. */
  version: number;
  id?: string;
  createdAt?: string;
  expiresAt?: string;
  /** Named groups of page types, e.g. `{ name: 'product_related', types: ['product', 'category'] }`. */
  pageGroups?: { name: string; types: string[] }[];
  features: FeatureSpec[];
  projection?: Projection;
  model: CentroidModel;
  segments: SegmentMeta[];
  rules?: Rule[];
  scores?: CompositeScore[];
  tfjs?: TfjsModel;
}
