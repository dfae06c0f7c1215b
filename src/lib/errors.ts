import type { EdgesegError, EdgesegErrorCode } from '../types/error';

// The shape lives in types/ (a leaf every layer may read); the constructors live here.
export type { EdgesegError, EdgesegErrorCode };

/** Builds an {@link EdgesegError}; `path` and `cause` are omitted when absent. */
export function edgesegError(
  code: EdgesegErrorCode,
  message: string,
  extra: { path?: string | undefined; cause?: unknown } = {},
): EdgesegError {
  const error: EdgesegError = { code, message };
  if (extra.path !== undefined) error.path = extra.path;
  if (extra.cause !== undefined) error.cause = extra.cause;
  return error;
}

/** True for objects shaped like an {@link EdgesegError} (used to pass them through catch blocks). */
export function isEdgesegError(value: unknown): value is EdgesegError {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}
