import * as z from 'zod/mini';
import { BUNDLE_LIMITS, BundleSchema } from './schema';

/**
 * The JSON Schema (draft 2020-12) of `edgeseg-bundle/1`, generated from the same zod
 * schema the engine validates with, so editors and other languages check bundles the
 * same way. Cross-field rules (dimensions, ids, rule inputs) are in the description:
 * JSON Schema cannot state them. Written to docs/bundle.schema.json by `npm run schema`.
 */
export function bundleJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(BundleSchema, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
    io: 'input',
  }) as Record<string, unknown>;
  return {
    $id: 'https://edgeseg.invalid/schemas/edgeseg-bundle-1.json',
    title: 'edgeseg-bundle/1',
    description:
      'An edgeseg segment bundle. Beyond this schema the engine also checks: every centroid has one value per model input ' +
      '(features, one-hot categories expanded, then projection rows if any); one centroid per segment without ruleOnly; unique ' +
      'segment, rule and score ids (`default` is reserved); feature names from the catalogue; rule and score inputs that exist; ' +
      'network layer shapes that chain from the feature inputs to `outputs`; no NaN or Infinity; ' +
      `at most ${BUNDLE_LIMITS.bytes} bytes, ${BUNDLE_LIMITS.segments} segments, ${BUNDLE_LIMITS.dimensions} model inputs, ` +
      `${BUNDLE_LIMITS.weights} network weights. See docs/bundle-format.md.`,
    ...schema,
  };
}
