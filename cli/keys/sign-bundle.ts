import { signedBytes } from '../../src/bundle/canonical';
import { ECDSA, ECDSA_SHA256, toBase64Url, type BundleSignature, type PublicJwk } from '../../src/bundle/signature';
import type { PrivateJwk } from './load-key';

/**
 * Signs a bundle: ES256 (ECDSA P-256, SHA-256, IEEE P1363 r‖s) over the canonical bytes
 * the browser's `verifyBundleSignature` checks. Any previous signature is replaced.
 */
export async function signBundle(
  bundle: Record<string, unknown>,
  key: PrivateJwk,
  kid?: string,
): Promise<Record<string, unknown> & { signature: BundleSignature }> {
  const subtle = globalThis.crypto.subtle;
  const privateKey = await subtle.importKey(
    'jwk',
    { kty: 'EC', crv: 'P-256', x: key.x, y: key.y, d: key.d, ext: true },
    ECDSA,
    false,
    ['sign'],
  );
  const { signature: _old, ...rest } = bundle;
  const value = new Uint8Array(await subtle.sign(ECDSA_SHA256, privateKey, signedBytes(rest) as BufferSource));
  const signature: BundleSignature = { alg: 'ES256', value: toBase64Url(value) };
  const id = kid ?? key.kid;
  if (id) signature.kid = id;
  return { ...rest, signature };
}

/** A new P-256 key pair as JWKs (with `kid`) and PEM (PKCS#8 private, SPKI public). */
export async function generateKeyPair(
  kid: string,
): Promise<{ privateJwk: PrivateJwk; publicJwk: PublicJwk; privatePem: string; publicPem: string }> {
  const subtle = globalThis.crypto.subtle;
  const pair = (await subtle.generateKey(ECDSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = (await subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
  const privateJwk: PrivateJwk = {
    kty: 'EC',
    crv: 'P-256',
    x: jwk.x as string,
    y: jwk.y as string,
    d: jwk.d as string,
    kid,
  };
  const { d: _d, ...publicJwk } = privateJwk;
  const pem = (label: string, der: ArrayBuffer) =>
    `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
  return {
    privateJwk,
    publicJwk,
    privatePem: pem('PRIVATE KEY', await subtle.exportKey('pkcs8', pair.privateKey)),
    publicPem: pem('PUBLIC KEY', await subtle.exportKey('spki', pair.publicKey)),
  };
}
