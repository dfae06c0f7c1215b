import { describeIssue, type SchemaIssue } from '../lib/describe-issue';
import { edgesegError, type EdgesegError } from '../lib/errors';
import { isKnownFeature } from '../features/catalogue';
import type { Bundle } from '../types/bundle';
import { BUNDLE_FORMAT, BundleSchema } from './schema';

export type BundleResult = { ok: true; bundle: Bundle } | { ok: false; error: EdgesegError };

const fail = (code: EdgesegError['code'], message: string, path?: string): BundleResult => ({
  ok: false,
  error: edgesegError(code, `edgeseg: ${message}`, { path }),
});

/**
 * Checks a parsed bundle: its shape, then what a schema cannot say (every centroid has
 * one value per feature, one segment per centroid, unique ids, known feature names).
 */
export function validateBundle(input: unknown): BundleResult {
  const format = (input as { format?: unknown } | null)?.format;
  if (typeof format === 'string' && format !== BUNDLE_FORMAT && format.startsWith('edgeseg-bundle/')) {
    return fail('bundle_unsupported_format', `bundle format ${format} is not supported (this build reads ${BUNDLE_FORMAT})`, 'format');
  }
  const parsed = BundleSchema.safeParse(input);
  if (!parsed.success) {
    const first = describeIssue(parsed.error.issues[0] as SchemaIssue);
    return fail('bundle_invalid', `invalid bundle: ${first.message}`, first.path);
  }
  const bundle = parsed.data as Bundle;
  const d = bundle.features.length;
  const { centroids } = bundle.model;
  for (let i = 0; i < centroids.length; i++) {
    if ((centroids[i] as number[]).length !== d) {
      return fail('bundle_dimension_mismatch', `centroid ${i} has ${(centroids[i] as number[]).length} values for ${d} features`, `model.centroids[${i}]`);
    }
  }
  if (bundle.segments.length !== centroids.length) {
    return fail('bundle_dimension_mismatch', `${bundle.segments.length} segments for ${centroids.length} centroids`, 'segments');
  }
  const ids = new Set<string>();
  for (const [i, segment] of bundle.segments.entries()) {
    if (ids.has(segment.id) || segment.id === 'default') {
      return fail('bundle_invalid', `segment id "${segment.id}" is repeated or reserved`, `segments[${i}].id`);
    }
    ids.add(segment.id);
  }
  for (const [i, feature] of bundle.features.entries()) {
    const at = `features[${i}]`;
    if (!isKnownFeature(feature.name)) return fail('bundle_invalid', `unknown feature "${feature.name}"`, `${at}.name`);
    const { clip, scale } = feature;
    if (clip && (clip[0] as number) > (clip[1] as number)) return fail('bundle_invalid', 'clip minimum is above its maximum', `${at}.clip`);
    if (scale?.type === 'z' && (scale.mean === undefined || scale.std === undefined)) {
      return fail('bundle_invalid', 'z scaling needs mean and std', `${at}.scale`);
    }
    if (scale?.type === 'minmax' && (scale.min === undefined || scale.max === undefined)) {
      return fail('bundle_invalid', 'minmax scaling needs min and max', `${at}.scale`);
    }
  }
  return { ok: true, bundle };
}

/** Parses bundle text: refuses oversize bodies, HTML error pages and truncated JSON with distinct codes. */
export function parseBundleText(text: string, maxBytes: number): BundleResult {
  if (text.length > maxBytes) return fail('bundle_too_large', `bundle is ${text.length} bytes; the limit is ${maxBytes}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const looksHtml = /^\s*</.test(text);
    return {
      ok: false,
      error: edgesegError('bundle_invalid_json', looksHtml
        ? 'edgeseg: the bundle URL returned HTML (an error page?), not JSON'
        : 'edgeseg: the bundle is not valid JSON (truncated?)', { cause }),
    };
  }
  return validateBundle(json);
}
