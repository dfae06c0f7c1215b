import { describe, expect, it } from 'vitest';
import signed from '../fixtures/cli/pages.signed.json';
import publicKey from '../fixtures/cli/fixture-key.public.jwk.json';
import { verifyBundleSignature, type PublicJwk } from '../../src/bundle/signature';

// test/fixtures/cli/pages.signed.json was signed by `edgeseg sign` (Node WebCrypto, PEM
// key): Chromium's WebCrypto must accept it, and refuse it once a byte of the model changes.
describe('a bundle signed by the CLI (Chromium)', () => {
  it('verifies with the public key keygen wrote, and not after tampering', async () => {
    const bundle = JSON.parse(JSON.stringify(signed)) as Record<string, unknown> & { model: { centroids: number[][] } };
    expect(await verifyBundleSignature(bundle, [publicKey as PublicJwk])).toBeNull();
    bundle.model.centroids[0]![0] = (bundle.model.centroids[0]![0] as number) + 1;
    expect(await verifyBundleSignature(bundle, [publicKey as PublicJwk])).toMatchObject({
      code: 'bundle_signature_invalid',
    });
  });
});
