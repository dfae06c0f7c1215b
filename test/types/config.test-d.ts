/**
 * The public config types (`src/types/config.ts`) are written by hand, for their JSDoc
 * and so the published `.d.ts` never mentions zod. These checks keep them equal to the
 * schemas that validate config at run time: add an option to one and not the other, or
 * give it another type, and `npm run typecheck` fails here.
 */
import { expectTypeOf, test } from 'vitest';
import type * as z from 'zod/mini';
import type { collectConfigSchema } from '../../src/config/collect-schema';
import type { consentConfigSchema } from '../../src/config/consent-schema';
import type { CONFIG_DEFAULTS, configSchema } from '../../src/config/schema';
import type { SourcesSchema } from '../../src/config/sources-schema';
import type { MeasurementSchema } from '../../src/config/measurement-schema';
import type { GuardrailConfig } from '../../src/types/guardrail';
import type { PublicJwk } from '../../src/types/bundle';
import type {
  Cap,
  CollectConfig,
  CollectConfigInput,
  ConsentConfig,
  ConsentConfigInput,
  EdgesegConfig,
  EdgesegConfigInput,
  FeaturePurposes,
  MeasurementConfig,
  Retention,
  SourcesConfig,
} from '../../src/types/config';

/** An object type written out, so an intersection and the interface it spells compare equal. */
type Flat<T> = { [K in keyof T]: T[K] };
/** Every key, required, without `undefined`: the value types alone, optionality compared apart. */
type Values<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };
/** The keys a type requires. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

type Input = z.input<ReturnType<typeof configSchema>>;
type Output = z.output<ReturnType<typeof configSchema>>;
/** Options the schema accepts loosely and `parseConfig` (or a chunk) checks by hand: typed closer by hand. */
type HandChecked = 'publicKeys' | 'frequencyCaps' | 'measurement' | 'guardrail';
/** Sections with their own defaults, compared field by field below. */
type Sections = 'consent' | 'collect' | 'retention';

test('EdgesegConfigInput is the schema input, with publicKeys typed as the engine checks them', () => {
  expectTypeOf<EdgesegConfigInput>().toEqualTypeOf<
    Flat<
      Omit<Input, 'publicKeys' | 'measurement' | 'guardrail'> & {
        publicKeys?: PublicJwk[] | undefined;
        measurement?: MeasurementConfig | undefined;
        guardrail?: Partial<GuardrailConfig> | false | undefined;
      }
    >
  >();
  expectTypeOf<ConsentConfigInput>().toEqualTypeOf<NonNullable<z.input<ReturnType<typeof consentConfigSchema>>>>();
  expectTypeOf<CollectConfigInput>().toEqualTypeOf<NonNullable<z.input<ReturnType<typeof collectConfigSchema>>>>();
});

test('EdgesegConfig is the schema output with exactly the CONFIG_DEFAULTS keys filled in', () => {
  expectTypeOf<keyof EdgesegConfig>().toEqualTypeOf<keyof Output>();
  expectTypeOf<RequiredKeys<EdgesegConfig>>().toEqualTypeOf<keyof typeof CONFIG_DEFAULTS>();
  expectTypeOf<Values<Omit<EdgesegConfig, HandChecked | Sections>>>().toEqualTypeOf<
    Values<Omit<Output, HandChecked | Sections>>
  >();
  expectTypeOf<EdgesegConfig['publicKeys']>().toEqualTypeOf<PublicJwk[] | undefined>();
  expectTypeOf<EdgesegConfig['frequencyCaps']>().toEqualTypeOf<Record<string, Cap> | undefined>();
  // The guardrail section (checked by `validGuardrail`): `false`, or both fields defaulted.
  expectTypeOf<EdgesegConfig['guardrail']>().toEqualTypeOf<false | GuardrailConfig>();
});

test('the consent section: defaults for all but version and features; sources as the consent chunk parses them', () => {
  type Out = NonNullable<Output['consent']>;
  expectTypeOf<keyof ConsentConfig>().toEqualTypeOf<keyof Out>();
  expectTypeOf<RequiredKeys<ConsentConfig>>().toEqualTypeOf<Exclude<keyof Out, 'version' | 'features'>>();
  expectTypeOf<Values<Omit<ConsentConfig, 'sources' | 'features'>>>().toEqualTypeOf<
    Values<Omit<Out, 'sources' | 'features'>>
  >();
  expectTypeOf<ConsentConfig['sources']>().toEqualTypeOf<SourcesConfig>();
  expectTypeOf<SourcesConfig>().toEqualTypeOf<z.output<typeof SourcesSchema>>();
  expectTypeOf<ConsentConfig['features']>().toEqualTypeOf<FeaturePurposes | undefined>();
});

test('the collect and retention sections: every field defaulted', () => {
  type Collect = NonNullable<Output['collect']>;
  expectTypeOf<Values<Omit<CollectConfig, 'pageTypes'>>>().toEqualTypeOf<Values<Omit<Collect, 'pageTypes'>>>();
  expectTypeOf<RequiredKeys<CollectConfig>>().toEqualTypeOf<keyof Collect>();
  expectTypeOf<CollectConfig['pageTypes']>().toEqualTypeOf<Record<string, unknown>>();
  type Kept = NonNullable<Output['retention']>;
  expectTypeOf<Values<Retention>>().toEqualTypeOf<Values<Kept>>();
  expectTypeOf<RequiredKeys<Retention>>().toEqualTypeOf<keyof Kept>();
});

test('measurement: the hand-written type is what the chunks check (MeasurementSchema)', () => {
  expectTypeOf<MeasurementConfig>().toEqualTypeOf<z.input<typeof MeasurementSchema>>();
});
