import { beforeAll, describe, expect, it } from 'vitest';
import pagesBundle from '../../test/fixtures/bundles/pages.json';
import { keyPair, signBundle } from '../../test/helpers/sign';
import { clock, open, server, text, waitFor } from '../../test/helpers/bundle-loader';
import { createMemoryStore } from '../store/memory-store';
import type { CachedBundle } from './bundle-loader';
import type { PublicJwk } from './signature';

describe('BundleLoader', () => {
  describe('signatures', () => {
    let keys: { pair: CryptoKeyPair; jwk: PublicJwk };
    let signed: string;
    beforeAll(async () => {
      keys = await keyPair();
      signed = JSON.stringify(await signBundle({ ...pagesBundle }, keys.pair.privateKey));
    });

    it('accepts a bundle signed with a pinned key', async () => {
      const r = open(server({ body: signed }).fetchFn, null, { publicKeys: [keys.jwk] });
      await r.loader.ready;
      expect(r.errors).toEqual([]);
      expect(r.versions()).toEqual([3]);
    });

    it('refuses a tampered, an unsigned and a foreign-key bundle, keeping the last known good', async () => {
      const store = createMemoryStore();
      await open(server({ body: signed }).fetchFn, store, { publicKeys: [keys.jwk], bundleMaxAge: 0 }).loader.ready;
      const tampered = signed.replace('"version":3', '"version":9');
      const other = await keyPair();
      const foreign = JSON.stringify(await signBundle({ ...pagesBundle, version: 9 }, other.pair.privateKey));
      for (const [body, code] of [
        [tampered, 'bundle_signature_invalid'],
        [text({ version: 9 }), 'bundle_signature_missing'],
        [foreign, 'bundle_signature_invalid'],
      ] as const) {
        const r = open(server({ body }).fetchFn, store, { publicKeys: [keys.jwk], bundleMaxAge: 0 });
        await r.loader.ready;
        await waitFor(() => r.errors.length > 0);
        expect(r.codes()).toEqual([code]);
        expect(r.versions()).toEqual([3]);
      }
    });

    it('a cached record that fails verification neither serves nor raises the rollback floor', async () => {
      const store = createMemoryStore();
      await store.putKv('bundle', {
        text: text({ version: 99 }),
        fetchedAt: clock.now,
        version: 99,
      } satisfies CachedBundle);
      const r = open(server({ body: signed }).fetchFn, store, { publicKeys: [keys.jwk] });
      await r.loader.ready;
      expect(r.errors).toEqual([]);
      expect(r.versions()).toEqual([3]);
      expect(await store.getKv<CachedBundle>('bundle')).toMatchObject({ version: 3 });
    });

    it('requireSignature without keys refuses everything; malformed keys fail closed with config_invalid', async () => {
      const r = open(server({ body: signed }).fetchFn, null, { requireSignature: true });
      await r.loader.ready;
      expect(r.codes()).toEqual(['bundle_signature_invalid']);
      const bad = open(server({ body: signed }).fetchFn, null, {
        publicKeys: [{ kty: 'EC', crv: 'P-256', x: 'short', y: 'y' }],
      });
      await bad.loader.ready;
      expect(bad.codes()).toEqual(['config_invalid', 'bundle_signature_invalid']);
      expect(bad.errors[0]?.path).toBe('publicKeys[0].x');
    });

    it('publicKeys: [] is config_invalid and fails closed (it used to turn signature checking off)', async () => {
      const unsigned = open(server({ body: text() }).fetchFn, null, { publicKeys: [] });
      await unsigned.loader.ready;
      expect(unsigned.codes()).toEqual(['config_invalid', 'bundle_signature_missing']);
      expect(unsigned.errors[0]?.path).toBe('publicKeys');
      expect(unsigned.errors[0]?.message).toContain('at least 1');
      expect(unsigned.versions()).toEqual([]);
      const withSignature = open(server({ body: signed }).fetchFn, null, { publicKeys: [] });
      await withSignature.loader.ready;
      expect(withSignature.codes()).toEqual(['config_invalid', 'bundle_signature_invalid']);
      expect(withSignature.versions()).toEqual([]);
    });

    it('a signed bundle with weightsUrl but no weightsSha256 is refused before the weights are requested', async () => {
      const net = {
        layers: [{ units: 1, activation: 'sigmoid' }],
        outputs: ['churn'],
        weightsUrl: 'https://cdn.example/w.bin',
      };
      const body = JSON.stringify(await signBundle({ ...pagesBundle, tfjs: net }, keys.pair.privateKey));
      const requests = server({ body });
      const r = open(requests.fetchFn, null, { publicKeys: [keys.jwk] });
      await r.loader.ready;
      expect(r.codes()).toEqual(['bundle_invalid']);
      expect(r.errors[0]?.path).toBe('tfjs.weightsSha256');
      expect(r.versions()).toEqual([]);
      expect(requests.seen).toHaveLength(1);
    });

    it('pinned keys require a signature: requireSignature: false beside them is config_invalid, nothing unsigned gets in', async () => {
      const r = open(server({ body: text() }).fetchFn, null, { publicKeys: [keys.jwk], requireSignature: false });
      await r.loader.ready;
      expect(r.codes()).toEqual(['config_invalid', 'bundle_signature_missing']);
      expect(r.errors[0]?.path).toBe('requireSignature');
      expect(r.versions()).toEqual([]);
    });
  });
});
