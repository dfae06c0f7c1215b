import { describe, expect, it } from 'vitest';
import pagesBundle from '../../test/fixtures/bundles/pages.json';
import { keyPair, signBundle as sign } from '../../test/helpers/sign';
import { canonicalize, signedBytes } from './canonical';
import { verifyBundleSignature } from './signature';

describe('canonicalize', () => {
  it('sorts keys at every depth, drops undefined, keeps array order', () => {
    expect(canonicalize({ b: 1, a: [3, { d: 1, c: undefined, b: 'x' }], c: null })).toBe(
      '{"a":[3,{"b":"x","d":1}],"b":1,"c":null}',
    );
  });
  it('ignores the signature field', () => {
    expect(new TextDecoder().decode(signedBytes({ a: 1, signature: { value: 'x' } }))).toBe('{"a":1}');
  });
});

describe('verifyBundleSignature', () => {
  it('accepts a signed bundle, whatever its key order, and refuses any tampering', async () => {
    const { pair, jwk } = await keyPair();
    const signed = await sign(pagesBundle as Record<string, unknown>, pair.privateKey);
    expect(await verifyBundleSignature(JSON.parse(JSON.stringify(signed)), [jwk])).toBeNull();
    const reordered = Object.fromEntries(Object.entries(signed).reverse());
    expect(await verifyBundleSignature(reordered, [jwk])).toBeNull();
    const tampered = structuredClone(signed) as typeof signed & { model: { centroids: number[][] } };
    tampered.model.centroids[0]![0] = 0.5;
    expect(await verifyBundleSignature(tampered, [jwk])).toMatchObject({ code: 'bundle_signature_invalid' });
  });

  it('refuses another key, a missing signature and garbage', async () => {
    const { pair } = await keyPair();
    const other = await keyPair();
    const signed = await sign(pagesBundle as Record<string, unknown>, pair.privateKey);
    expect(await verifyBundleSignature(signed, [other.jwk])).toMatchObject({ code: 'bundle_signature_invalid' });
    expect(await verifyBundleSignature(pagesBundle as Record<string, unknown>, [other.jwk])).toMatchObject({
      code: 'bundle_signature_missing',
    });
    expect(
      await verifyBundleSignature({ ...signed, signature: { alg: 'ES256', value: '!!!' } }, [other.jwk]),
    ).toMatchObject({ code: 'bundle_signature_invalid' });
  });
});
