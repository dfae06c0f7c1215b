import { fnv1a32 } from '../lib/fnv1a32';
import { VERSION } from '../lib/version';

/**
 * A short name for one config input under this version of the SDK: the same page config
 * gives the same fingerprint on every load. The client keeps the fingerprint of the config
 * a remembered decision was made under (`edgeseg:last`); on a later load, an equal one
 * means this exact input was validated before, by this same code, so the returning
 * visitor's decision is shown without waiting for the validator's chunk (which still
 * checks it, after). A new SDK version never matches an older fingerprint: its schema may
 * differ. `null` for what JSON cannot spell (nothing a valid config holds).
 */
export function configFingerprint(input: unknown): string | null {
  try {
    const json = JSON.stringify(input);
    return `${VERSION}:${json.length}:${fnv1a32(json).toString(36)}`;
  } catch {
    return null;
  }
}
