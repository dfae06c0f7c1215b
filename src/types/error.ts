/**
 * Stable error codes delivered through `on('error')`. They are part of the public
 * contract: the README lists each one with its meaning. Never rename one.
 */
export type EdgesegErrorCode =
  | 'config_invalid'
  | 'config_unavailable'
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
  | 'measure_unavailable'
  | 'beacon_rejected'
  | 'guardrail'
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
