/**
 * Public names renamed for the glossary (docs/architecture.md) keep working as deprecated
 * aliases of the one name.
 */
import { expectTypeOf, test } from 'vitest';
import type {
  BundleLoader,
  BundleSource,
  BundleSourceOptions,
  OpenBundleOptions,
  PreparedBundle,
  Scorer,
  createScorer,
  prepareBundle,
} from '../../src/internals';

test('the old names are the new ones', () => {
  expectTypeOf<Scorer>().toEqualTypeOf<PreparedBundle>();
  expectTypeOf<typeof createScorer>().toEqualTypeOf<typeof prepareBundle>();
  expectTypeOf<BundleSource>().toEqualTypeOf<BundleLoader>();
  expectTypeOf<BundleSourceOptions>().toEqualTypeOf<OpenBundleOptions>();
});
