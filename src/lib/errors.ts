/**
 * Stable error codes delivered through `on('error')`. They are part of the public
 * contract: the README lists each one with its meaning. Never rename one.
 */
export type EdgesegErrorCode =
  | 'config_invalid'
  | 'bundle_fetch_failed'
  | 'bundle_timeout'
  | 'bundle_invalid_json'
  | 'bundle_html'
  | 'bundle_invalid'
  | 'bundle_unsupported_format'
  | 'bundle_too_large'
  | 'bundle_dimension_mismatch'
  | 'bundle_empty'
  | 'bundle_not_finite'
  | 'model_unavailable'
  | 'bundle_signature_invalid'
  | 'bundle_signature_missing'
  | 'bundle_rollback'
  | 'bundle_expired'
  | 'engine_unavailable'
  | 'storage_unavailable'
  | 'storage_failed'
  | 'storage_degraded'
  | 'event_invalid'
  | 'render_failed'
  | 'callback_failed'
  | 'consent_unavailable'
  | 'consent_source_failed'
  | 'collect_unavailable'
  | 'internal';

/** The one error shape edgeseg reports. It is emitted, never thrown across the public API. */
export interface EdgesegError {
  code: EdgesegErrorCode;
  message: string;
  /** Where in the input the problem is, e.g. `model.centroids[2][5]` or `bundleTimeout`. */
  path?: string;
  /** The underlying error, when there is one. */
  cause?: unknown;
}

/**
 * Marks errors edgeseg made. `Symbol.for` so that every copy of this module (the core and
 * each separately built chunk, or a script tag beside an npm import) recognizes the others'.
 * Non-enumerable: it never shows in JSON, logs or equality checks.
 */
const BRAND = Symbol.for('edgeseg.error');

/** Builds an {@link EdgesegError}; `path` and `cause` are omitted when absent. */
export function edgesegError(
  code: EdgesegErrorCode,
  message: string,
  extra: { path?: string | undefined; cause?: unknown } = {},
): EdgesegError {
  const error: EdgesegError = { code, message };
  if (extra.path !== undefined) error.path = extra.path;
  if (extra.cause !== undefined) error.cause = extra.cause;
  Object.defineProperty(error, BRAND, { value: true });
  return error;
}

/**
 * True only for errors edgeseg made (branded by {@link edgesegError}): a foreign error that
 * happens to have `code` and `message` (Node's `ECONNRESET`, a DOMException) is not ours.
 */
export function isEdgesegError(value: unknown): value is EdgesegError {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

/**
 * What every boundary does with a caught value: ours passes through, anything else is
 * wrapped with a stable `code` (and kept as `cause`), so `on('error')` only ever sees our codes.
 */
export function asEdgesegError(cause: unknown, code: EdgesegErrorCode, message: string): EdgesegError {
  return isEdgesegError(cause) ? cause : edgesegError(code, message, { cause });
}
