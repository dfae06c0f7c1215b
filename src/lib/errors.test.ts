import { describe, expect, it } from 'vitest';
import { asEdgesegError, edgesegError, isEdgesegError } from './errors';

describe('EdgesegError', () => {
  it('is branded: only errors edgeseg made pass isEdgesegError', () => {
    expect(isEdgesegError(edgesegError('internal', 'x'))).toBe(true);
    expect(isEdgesegError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(false);
    expect(isEdgesegError({ code: 'internal', message: 'looks like ours' })).toBe(false);
    expect(isEdgesegError(null)).toBe(false);
  });

  it('the brand is invisible: not enumerable, not in JSON', () => {
    const error = edgesegError('bundle_invalid', 'bad', { path: 'model' });
    expect(Object.keys(error)).toEqual(['code', 'message', 'path']);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 'bundle_invalid', message: 'bad', path: 'model' });
  });

  it('asEdgesegError passes ours through and wraps anything else with a stable code', () => {
    const ours = edgesegError('bundle_timeout', 'slow');
    expect(asEdgesegError(ours, 'internal', 'wrapped')).toBe(ours);
    const foreign = new DOMException('gone', 'AbortError');
    const wrapped = asEdgesegError(foreign, 'internal', 'edgeseg: wrapped');
    expect(wrapped).toMatchObject({ code: 'internal', message: 'edgeseg: wrapped', cause: foreign });
    expect(isEdgesegError(wrapped)).toBe(true);
  });
});
