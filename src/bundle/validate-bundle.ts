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

/**
 * Whether the value at `path` is NaN or ±Infinity (JSON's `1e999` parses to Infinity). A
 * walk down one path, so no depth of nesting costs more than its own length: the whole
 * document is never walked (a recursive walk once overflowed the stack on deep arrays).
 */
function nonFiniteAt(root: unknown, path: readonly PropertyKey[]): boolean {
  let value = root;
  for (const key of path)
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return typeof value === 'number' && !Number.isFinite(value);
}

/**
 * Stop at the first fault (zod's `abortEarly`, the flag its own `validate` sets): 250k
 * invalid entries would otherwise build 250k issues, hold the main thread for a second
 * and overflow the `push(...issues)` that carries them up.
 */
const FIRST_FAULT = { abortEarly: true } as Parameters<typeof BundleSchema.safeParse>[1];

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
  const parsed = BundleSchema.safeParse(input, FIRST_FAULT);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as SchemaIssue;
    const first = describeIssue(issue);
    if (nonFiniteAt(input, issue.path))
      return fail('bundle_not_finite', `${first.path} is not a finite number`, first.path);
    return fail('bundle_invalid', `invalid bundle: ${first.message}`, first.path);
  }
  const bundle = parsed.data as Bundle;
  const issue = checkModel(bundle);
  return issue ? fail(issue[0], issue[1], issue[2]) : { ok: true, bundle };
}

/** The UTF-8 size of a string, which is what the limit means (its `length` counts UTF-16 units). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // 2 bytes below U+0800, 3 above; a surrogate pair is 2 units for 4 bytes (2 each).
    if (c >= 0x80) bytes += c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 1 : 2;
  }
  return bytes;
}

/** Parses bundle text to JSON: refuses oversize bodies, HTML error pages and truncated JSON with distinct codes. */
export function parseBundleJson(
  text: string,
  maxBytes: number,
): { ok: true; json: unknown } | { ok: false; error: EdgesegError } {
  const bytes = utf8Length(text);
  if (bytes > maxBytes) return fail('bundle_too_large', `bundle is ${bytes} bytes; the limit is ${maxBytes}`);
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
