import { edgesegError, type EdgesegError } from '../lib/errors';
import type { PublicJwk } from '../types/bundle';
import { signedBytes } from './canonical';

export type { PublicJwk };

/** A bundle's `signature` field: ECDSA P-256 over SHA-256 of the canonical bytes. */
export interface BundleSignature {
  alg: 'ES256';
  /** Key id, to pick among pinned keys during a rotation. */
  kid?: string;
  /** The IEEE P1363 signature (r ‖ s, 64 bytes), base64url without padding. */
  value: string;
}

export const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** base64url (with or without padding) to bytes. */
export function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Bytes to base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Verifies a parsed bundle against pinned keys with WebCrypto (the browser's, or Node's
 * `globalThis.crypto.subtle` in the CLI: the same code). `subtle` is the platform's: the
 * global one when `undefined`, none when `null`. Resolves to `null` when the signature is
 * valid, or to the error to report; never rejects.
 */
export async function verifyBundleSignature(
  bundle: Record<string, unknown>,
  keys: readonly PublicJwk[],
  subtle: SubtleCrypto | null | undefined = globalThis.crypto?.subtle,
): Promise<EdgesegError | null> {
  const signature = bundle['signature'] as Partial<BundleSignature> | undefined;
  if (!signature)
    return edgesegError('bundle_signature_missing', 'edgeseg: the bundle is not signed and a signature is required');
  if (!subtle)
    return edgesegError('bundle_signature_invalid', 'edgeseg: WebCrypto is not available (not a secure context?)');
  if (signature.alg !== 'ES256' || typeof signature.value !== 'string') {
    return edgesegError('bundle_signature_invalid', 'edgeseg: unsupported signature (expected ES256)', {
      path: 'signature',
    });
  }
  const candidates = signature.kid ? keys.filter((k) => !k.kid || k.kid === signature.kid) : keys;
  try {
    const bytes = signedBytes(bundle);
    const sig = fromBase64Url(signature.value);
    for (const jwk of candidates) {
      const key = await subtle.importKey(
        'jwk',
        { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, ext: true },
        ECDSA,
        false,
        ['verify'],
      );
      if (await subtle.verify(ECDSA_SHA256, key, sig as BufferSource, bytes as BufferSource)) return null;
    }
  } catch (cause) {
    return edgesegError('bundle_signature_invalid', 'edgeseg: the bundle signature could not be checked', {
      path: 'signature',
      cause,
    });
  }
  return edgesegError('bundle_signature_invalid', 'edgeseg: the bundle signature does not match a pinned key', {
    path: 'signature',
  });
}
