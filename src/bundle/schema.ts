import * as z from 'zod/mini';
import { ExperimentsSchema, GoalsSchema, HoldoutSchema } from '../config/experiment-schema';

z.config({ jitless: true });

/** The only format this build reads. A different major version is refused, not guessed at. */
export const BUNDLE_FORMAT = 'edgeseg-bundle/1';

/** Hard limits: a bundle beyond them is refused before it can cost the page anything. */
export const BUNDLE_LIMITS = {
  bytes: 2 * 1024 * 1024,
  segments: 1024,
  features: 1024,
  /** Model inputs after one-hot expansion, and projection outputs. */
  dimensions: 1024,
  categories: 256,
  rules: 256,
  conditions: 32,
  layers: 8,
  /** Weights of the tfjs network, all layers together. */
  weights: 262_144,
} as const;

const finite = z.number();
const id = z.string().check(z.minLength(1), z.maxLength(64));
const distance = finite.check(z.gte(0));

// Only objects, arrays, enums and numbers: unions, tuples and records each pull in more
// of zod's core, so the cross-field rules live in validate-bundle.ts instead.
const FeatureSpecSchema = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(128)),
  impute: z.optional(finite),
  clip: z.optional(z.array(finite).check(z.length(2))),
  transform: z.optional(z.enum(['none', 'log1p'])),
  scale: z.optional(
    z.object({
      type: z.enum(['z', 'minmax']),
      mean: z.optional(finite),
      std: z.optional(finite.check(z.gte(0))),
      min: z.optional(finite),
      max: z.optional(finite),
    }),
  ),
  weight: z.optional(finite),
  label: z.optional(z.string().check(z.maxLength(200))),
  categories: z.optional(
    z.array(z.string().check(z.maxLength(128))).check(z.minLength(1), z.maxLength(BUNDLE_LIMITS.categories)),
  ),
});

const matrix = z.array(z.array(finite));
const input = z.string().check(z.minLength(1), z.maxLength(160));

const ConditionSchema = z.object({
  input,
  op: z.enum(['gt', 'gte', 'lt', 'lte', 'eq', 'neq', 'in', 'exists', 'missing']),
  value: z.optional(finite),
  values: z.optional(z.array(z.string().check(z.maxLength(128))).check(z.maxLength(BUNDLE_LIMITS.categories))),
});
const conditions = z.optional(z.array(ConditionSchema).check(z.maxLength(BUNDLE_LIMITS.conditions)));

const RuleSchema = z.object({
  id,
  mode: z.enum(['override', 'overlay']),
  segment: z.optional(id),
  all: conditions,
  any: conditions,
  label: z.optional(z.string().check(z.maxLength(200))),
});

const ScoreSchema = z.object({
  id,
  label: z.optional(z.string().check(z.maxLength(200))),
  terms: z.array(z.object({ input, weight: finite })).check(z.minLength(1), z.maxLength(BUNDLE_LIMITS.features)),
  bias: z.optional(finite),
  squash: z.optional(z.enum(['none', 'sigmoid'])),
});

const TfjsSchema = z.object({
  layers: z
    .array(
      z.object({
        units: z.number().check(z.int(), z.gte(1), z.lte(BUNDLE_LIMITS.dimensions)),
        activation: z.optional(z.enum(['linear', 'relu', 'sigmoid', 'tanh', 'softmax'])),
        weights: z.optional(matrix),
        bias: z.optional(z.array(finite)),
      }),
    )
    .check(z.minLength(1), z.maxLength(BUNDLE_LIMITS.layers)),
  outputs: z.array(id).check(z.minLength(1), z.maxLength(BUNDLE_LIMITS.dimensions)),
  weightsUrl: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  weightsSha256: z.optional(z.string().check(z.length(43))),
});

const PageGroupSchema = z.object({ name: id, types: z.array(id).check(z.maxLength(256)) });

/** Schema of an `edgeseg-bundle/1` document (shape only; see `validateBundle` for the rest). */
export const BundleSchema = z.object({
  format: z.enum([BUNDLE_FORMAT]),
  version: z.number().check(z.int(), z.gte(0)),
  id: z.optional(z.string().check(z.maxLength(128))),
  createdAt: z.optional(z.string()),
  expiresAt: z.optional(z.string()),
  pageGroups: z.optional(z.array(PageGroupSchema).check(z.maxLength(64))),
  features: z.array(FeatureSpecSchema).check(z.minLength(1), z.maxLength(BUNDLE_LIMITS.features)),
  projection: z.optional(
    z.object({
      matrix: matrix.check(z.minLength(1), z.maxLength(BUNDLE_LIMITS.dimensions)),
      mean: z.optional(z.array(finite)),
    }),
  ),
  model: z.object({
    type: z.enum(['centroids']),
    metric: z.optional(z.enum(['euclidean', 'cosine'])),
    centroids: z.array(z.array(finite)).check(z.minLength(1), z.maxLength(BUNDLE_LIMITS.segments)),
    temperature: z.optional(finite.check(z.gt(0))),
    maxDistance: z.optional(finite.check(z.gt(0))),
  }),
  segments: z
    .array(
      z.object({
        id,
        label: z.string().check(z.minLength(1), z.maxLength(200)),
        description: z.optional(z.string().check(z.maxLength(1000))),
        ruleOnly: z.optional(z.boolean()),
        distanceQuantiles: z.optional(z.object({ p50: distance, p90: distance, p99: distance })),
      }),
    )
    .check(z.maxLength(BUNDLE_LIMITS.segments)),
  rules: z.optional(z.array(RuleSchema).check(z.maxLength(BUNDLE_LIMITS.rules))),
  scores: z.optional(z.array(ScoreSchema).check(z.maxLength(BUNDLE_LIMITS.rules))),
  tfjs: z.optional(TfjsSchema),
  experiments: z.optional(ExperimentsSchema),
  holdout: z.optional(HoldoutSchema),
  goals: z.optional(GoalsSchema),
  signature: z.optional(
    z.object({
      alg: z.enum(['ES256']),
      kid: z.optional(z.string().check(z.maxLength(128))),
      value: z.string().check(z.maxLength(200)),
    }),
  ),
});

/**
 * The `publicKeys` config option: EC P-256 JWKs (validated here, in the engine chunk, not
 * in the core). At least one: an empty list once turned signature checking off and let
 * any bundle in, so it is now `config_invalid` like any other key that cannot be used.
 */
export const PublicKeysSchema = z
  .array(
    z.object({
      kty: z.enum(['EC']),
      crv: z.enum(['P-256']),
      x: z.string().check(z.length(43)),
      y: z.string().check(z.length(43)),
      kid: z.optional(z.string()),
    }),
  )
  .check(z.minLength(1), z.maxLength(16));
