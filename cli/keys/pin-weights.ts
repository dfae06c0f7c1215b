import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** What `pinWeights` did, for the log line; `null` when the bundle has no weights file. */
export type PinNote = string | null;

/**
 * The weights file a `weightsUrl` names, on disk: a relative URL (no scheme, no leading
 * slash: the browser resolves it against the bundle URL) resolved against the bundle
 * file's folder. `null` for anything else (an absolute or site-root URL).
 */
function weightsPath(url: string, bundlePath: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:|^[/\\]/i.test(url)) return null;
  const clean = url.replace(/[?#].*$/, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(clean);
  } catch {
    return null;
  }
  const path = resolve(dirname(bundlePath), decoded);
  return existsSync(path) && statSync(path).isFile() ? path : null;
}

/**
 * Pins a bundle's binary weights before signing: the signature covers `weightsSha256`,
 * and through it the file (the SDK refuses a signed bundle with `weightsUrl` and no
 * hash). With the file found beside the bundle, sets `tfjs.weightsSha256` to its SHA-256
 * (base64url); a hash already there that the file does not match is replaced and said so.
 * Without the file, a hash already set is kept; with neither, signing is refused.
 */
export function pinWeights(raw: Record<string, unknown>, bundlePath: string): PinNote {
  const net = raw['tfjs'] as { weightsUrl?: string; weightsSha256?: string } | undefined;
  if (!net?.weightsUrl) return null;
  const path = weightsPath(net.weightsUrl, bundlePath);
  if (!path) {
    if (net.weightsSha256) return `kept tfjs.weightsSha256 (${net.weightsUrl} is not a file beside the bundle)`;
    throw new Error(
      `tfjs.weightsUrl "${net.weightsUrl}" is not a file beside ${bundlePath}: put the weights file there (the URL relative to the bundle), or set tfjs.weightsSha256 (base64url SHA-256 of the file) before signing`,
    );
  }
  const sha = createHash('sha256').update(readFileSync(path)).digest('base64url');
  const before = net.weightsSha256;
  net.weightsSha256 = sha;
  return before === sha
    ? `tfjs.weightsSha256 matches ${path}`
    : `${before ? 'replaced' : 'set'} tfjs.weightsSha256 from ${path}${before ? ` (was ${before})` : ''}`;
}
