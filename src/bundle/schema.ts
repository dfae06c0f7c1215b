import * as z from 'zod/mini';

z.config({ jitless: true });

/** The only format this build reads. A different major version is refused, not guessed at. */
export const BUNDLE_FORMAT = 'edgeseg-bundle/1';

/** Hard limits: a bundle beyond them is refused before it can cost the page anything. */
export const BUNDLE_LIMITS = { bytes: 2 * 1024 * 1024, segments: 1024, features: 1024 } as const;

const finite = z.number();
const id = z.string().check(z.minLength(1), z.maxLength(64));

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
  model: z.object({
    type: z.enum(['centroids']),
    metric: z.optional(z.enum(['euclidean', 'cosine'])),
    centroids: z.array(z.array(finite)).check(z.minLength(1), z.maxLength(BUNDLE_LIMITS.segments)),
    temperature: z.optional(finite.check(z.gt(0))),
    maxDistance: z.optional(finite.check(z.gt(0))),
  }),
  segments: z.array(
    z.object({
      id,
      label: z.string().check(z.minLength(1), z.maxLength(200)),
      description: z.optional(z.string().check(z.maxLength(1000))),
    }),
  ),
});
