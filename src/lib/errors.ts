import type { EdgesegError, EdgesegErrorCode } from '../types/error';

// The shape lives in types/ (a leaf every layer may read); the constructors live here.
export type { EdgesegError, EdgesegErrorCode };

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
