import { createECDH, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PublicJwk } from '../../src/bundle/signature';

/** A P-256 private key as a JWK (`d` present). */
export interface PrivateJwk extends PublicJwk {
  d: string;
}

function readKeyText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read key file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function checkEc(jwk: Record<string, unknown>, path: string): PublicJwk {
  if (jwk['kty'] !== 'EC' || jwk['crv'] !== 'P-256' || typeof jwk['x'] !== 'string' || typeof jwk['y'] !== 'string') {
    throw new Error(`${path}: not an ECDSA P-256 key (need kty "EC", crv "P-256", x, y)`);
  }
  try {
    createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk['x'], y: jwk['y'] }, format: 'jwk' });
  } catch {
    // WebCrypto would only say "Invalid keyData", or a signature would merely fail to match.
    throw new Error(`${path}: not a valid P-256 public key (x, y is not a point on the curve)`);
  }
  const out: PublicJwk = { kty: 'EC', crv: 'P-256', x: jwk['x'], y: jwk['y'] };
  if (typeof jwk['kid'] === 'string') out.kid = jwk['kid'];
  return out;
}

/** JWK objects in a key file: one JWK, a JWK Set (`{"keys": [...]}`), or PEM (PKCS#8, SEC1 or SPKI). */
function jwksIn(path: string): Record<string, unknown>[] {
  const text = readKeyText(path).trim();
  if (text.startsWith('-----BEGIN')) {
    try {
      const isPrivate = /-----BEGIN (EC )?PRIVATE KEY-----/.test(text);
      const key = isPrivate ? createPrivateKey(text) : createPublicKey(text);
      return [key.export({ format: 'jwk' }) as Record<string, unknown>];
    } catch (error) {
      throw new Error(`${path}: not a readable PEM key (${(error as Error).message})`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path}: neither a JWK (JSON) nor a PEM key`);
  }
  const keys = (json as { keys?: unknown }).keys;
  const list = Array.isArray(keys) ? keys : [json];
  if (list.length === 0 || list.some((k) => !k || typeof k !== 'object'))
    throw new Error(`${path}: no keys in the JWK Set`);
  return list as Record<string, unknown>[];
}

/** Public keys from files (private keys count: their public half is used). */
export function loadPublicKeys(paths: readonly string[]): PublicJwk[] {
  return paths.flatMap((path) => jwksIn(path).map((jwk) => checkEc(jwk, path)));
}

/** The one private key in a file (JWK with `d`, or PEM). */
export function loadPrivateKey(path: string): PrivateJwk {
  const [jwk, ...more] = jwksIn(path);
  if (!jwk || more.length > 0) throw new Error(`${path}: expected exactly one private key`);
  const pub = checkEc(jwk, path);
  if (typeof jwk['d'] !== 'string')
    throw new Error(`${path}: this is a public key; signing needs the private key (with "d")`);
  const d = Buffer.from(jwk['d'], 'base64url');
  if (d.length !== 32) throw new Error(`${path}: not a valid P-256 private key ("d" must be 32 bytes)`);
  const ecdh = createECDH('prime256v1');
  let point: Buffer;
  try {
    ecdh.setPrivateKey(d);
    point = ecdh.getPublicKey();
  } catch {
    throw new Error(`${path}: not a valid P-256 private key ("d" is out of range)`);
  }
  // Uncompressed point: 0x04 ‖ x ‖ y.
  if (point.subarray(1, 33).toString('base64url') !== pub.x || point.subarray(33).toString('base64url') !== pub.y)
    throw new Error(`${path}: not a valid P-256 private key ("d" does not belong to x, y)`);
  return { ...pub, d: jwk['d'] };
}
