import { fnv1a32 } from '../lib/fnv1a32';
import { VERSION } from '../lib/version';

/**
 * A short name for one config input under this version of the SDK: the same page config
 * gives the same fingerprint on every load. The client keeps the fingerprint of the config
 * a remembered decision was made under (`edgeseg:last`); on a later load, an equal one
 * means this exact input was validated before, by this same code, so the returning
 * visitor's decision is shown without waiting for the validator's chunk (which still
 * checks it, after). A new SDK version never matches an older fingerprint: its schema may
 * differ. `null` when the input cannot be read (a throwing `toJSON`).
 */
export function configFingerprint(input: unknown): string | null {
  try {
    // What JSON would drop or turn into `null` (a function, `undefined`, NaN) is named, so
    // an input with one never matches the valid input without it.
    const json = JSON.stringify(input, (_, v: unknown) =>
      v === null || typeof v === 'object' || typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v)
        ? v
        : `\u0000${typeof v}:${String(v)}`,
    );
    return `${VERSION}:${json.length}:${fnv1a32(json).toString(36)}`;
  } catch {
    return null;
  }
}
