// Test helpers: a fresh ES256 key pair and a signer using the same canonical bytes as the CLI.
import { signedBytes } from '../../src/bundle/canonical';
import { ECDSA, ECDSA_SHA256, toBase64Url, type PublicJwk } from '../../src/bundle/signature';

export async function keyPair(kid = 'k1'): Promise<{ pair: CryptoKeyPair; jwk: PublicJwk }> {
  const pair = (await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as PublicJwk;
  return { pair, jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid } };
}

export async function signBundle<T extends Record<string, unknown>>(
  bundle: T,
  key: CryptoKey,
  kid = 'k1',
): Promise<T & { signature: unknown }> {
  const sig = new Uint8Array(await crypto.subtle.sign(ECDSA_SHA256, key, signedBytes(bundle) as BufferSource));
  return { ...bundle, signature: { alg: 'ES256', kid, value: toBase64Url(sig) } };
}
