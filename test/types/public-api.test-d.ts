// Type tests for the public API: `npm run typecheck` compiles this file. Each
// `@ts-expect-error` line must fail to compile; if the API ever accepts it, tsc reports
// the directive as unused and the check fails.
import {
  createClient,
  type Assignment,
  type Conversion,
  type Decision,
  type EdgesegError,
  type ConsentState,
  type Exposure,
} from '../../src/index';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T): void => {};

const es = createClient();

// on(): known events with typed payloads; unknown names are errors.
es.on('segment', (a) => assertType<Equal<typeof a, Assignment>>(true));
es.on('decision', (d) => assertType<Equal<typeof d, Decision>>(true));
es.on('consent', (c) => assertType<Equal<typeof c, ConsentState>>(true));
es.on('error', (e) => assertType<Equal<typeof e, EdgesegError>>(true));
es.on('exposure', (x) => assertType<Equal<typeof x, Exposure>>(true));
es.on('conversion', (c) => assertType<Equal<typeof c, Conversion>>(true));
// @ts-expect-error a misspelt event name
es.on('segmnet', () => {});
// @ts-expect-error the payload of 'segment' is an Assignment, not a Decision
es.on('segment', (d: Decision) => d.variant);

// personalize(): a decision without variants; the value with them; never undefined with a default.
async function personalize(): Promise<void> {
  const decision = await es.personalize('hero');
  assertType<Equal<typeof decision, Decision>>(true);
  const withDefault = await es.personalize('hero', { researcher: 'Compare', default: 'Shop now' });
  assertType<Equal<typeof withDefault, string>>(true);
  const withoutDefault = await es.personalize('hero', { researcher: 'Compare' });
  assertType<Equal<typeof withoutDefault, string | undefined>>(true);
  // @ts-expect-error variants must share one type with the default
  await es.personalize<string>('hero', { researcher: 1, default: 'x' });
}
void personalize;

// track(): a name and flat properties.
es.track('add_to_cart', { value: 12.5, sku: 'A1' });
// @ts-expect-error the event name is a string
es.track(42);
// Commerce items are the one list an event may carry.
es.track('purchase', { value: 30, items: [{ item_id: 'A1', price: 10, quantity: 3 }] });
// @ts-expect-error properties are flat: a nested object is refused (at run time: event_invalid naming it)
es.track('add_to_cart', { product: { id: 'A1' } });
// @ts-expect-error the same for page() and identify()
es.identify({ address: { city: 'Ghent' } });
