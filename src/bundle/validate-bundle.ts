import { describeIssue, type SchemaIssue } from '../lib/describe-issue';
import { edgesegError, type EdgesegError } from '../lib/errors';
import type { Bundle } from '../types/bundle';
import { BUNDLE_FORMAT, BundleSchema } from './schema';
import { checkModel } from './validate-model';

export type BundleResult = { ok: true; bundle: Bundle } | { ok: false; error: EdgesegError };

const fail = (code: EdgesegError['code'], message: string, path?: string): { ok: false; error: EdgesegError } => ({
  ok: false,
  error: edgesegError(code, `edgeseg: ${message}`, { path }),
});

/** The path of the first NaN or ±Infinity in a parsed document (JSON's `1e999` parses to Infinity). */
function nonFinitePath(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (!value || typeof value !== 'object') return null;
  const array = Array.isArray(value);
  for (const key of Object.keys(value)) {
    const found = nonFinitePath(
      (value as Record<string, unknown>)[key],
      array ? `${path}[${key}]` : path ? `${path}.${key}` : key,
    );
    if (found !== null) return found;
  }
  return null;
}

/**
 * Checks a parsed bundle: its format, its shape, then what a schema cannot say (see
 * `checkModel`). Each kind of fault has its own code and a path to the field.
 */
export function validateBundle(input: unknown): BundleResult {
  const format = (input as { format?: unknown } | null)?.format;
  if (typeof format === 'string' && format !== BUNDLE_FORMAT && format.startsWith('edgeseg-bundle/')) {
    return fail(
      'bundle_unsupported_format',
      `bundle format ${format} is not supported (this build reads ${BUNDLE_FORMAT})`,
      'format',
    );
  }
  const centroids = (input as { model?: { centroids?: unknown } } | null)?.model?.centroids;
  if (Array.isArray(centroids) && centroids.length === 0)
    return fail('bundle_empty', 'the bundle has no centroids (k = 0)', 'model.centroids');
  const parsed = BundleSchema.safeParse(input);
  if (!parsed.success) {
    const at = nonFinitePath(input, '');
    if (at !== null) return fail('bundle_not_finite', `${at} is not a finite number`, at);
    const first = describeIssue(parsed.error.issues[0] as SchemaIssue);
    return fail('bundle_invalid', `invalid bundle: ${first.message}`, first.path);
  }
  const bundle = parsed.data as Bundle;
  const issue = checkModel(bundle);
  return issue ? fail(issue[0], issue[1], issue[2]) : { ok: true, bundle };
}

/** Parses bundle text to JSON: refuses oversize bodies, HTML error pages and truncated JSON with distinct codes. */
export function parseBundleJson(
  text: string,
  maxBytes: number,
): { ok: true; json: unknown } | { ok: false; error: EdgesegError } {
  if (text.length > maxBytes)
    return fail('bundle_too_large', `bundle is ${text.length} bytes; the limit is ${maxBytes}`);
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (cause) {
    // An HTML page where JSON belongs is a server or routing fault (a 200 error page, an
    // SPA fallback), not a broken bundle: its own code tells the site owner where to look.
    return /^\s*</.test(text)
      ? fail('bundle_html', 'the bundle URL returned HTML (an error page or a fallback route?), not JSON')
      : {
          ok: false,
          error: edgesegError('bundle_invalid_json', 'edgeseg: the bundle is not valid JSON (truncated?)', { cause }),
        };
  }
}

/** Parses and validates bundle text. */
export function parseBundleText(text: string, maxBytes: number): BundleResult {
  const parsed = parseBundleJson(text, maxBytes);
  return parsed.ok ? validateBundle(parsed.json) : parsed;
}
