/**
 * What the React and Vue bindings share: subscriptions to one client that deliver the
 * current decision for a slot, the assignment and the consent state, now and after every
 * change (segment, consent, decision). Framework-neutral, so both bindings behave alike.
 */
import type { Assignment, ConsentState, Decision, EdgesegClient } from '../index';

/** Variants for a slot, keyed by segment id, with the `default` shown otherwise. */
export type Variants<T> = Record<string, T> & { default: T };

/**
 * The value `variants` holds for a decision. A decision made for the same slot elsewhere
 * (another component, the page's own slot) may have seen other variant ids, so a
 * segment without a variant there still gets ours here.
 */
export function pickVariant<T>(variants: Variants<T>, decision: Decision | null): T {
  if (!decision) return variants.default;
  if (decision.variant !== 'default' && Object.hasOwn(variants, decision.variant))
    return variants[decision.variant] as T;
  const segment = decision.segment;
  if (decision.reason === 'no_variant_for_segment' && segment !== null && Object.hasOwn(variants, segment))
    return variants[segment] as T;
  return variants.default;
}

/** Calls every unsubscribe function, once; later deliveries are dropped. */
function subscriptions(): { live: () => boolean; add: (off: () => void) => void; stop: () => void } {
  const offs: (() => void)[] = [];
  let live = true;
  return {
    live: () => live,
    add: (off) => void offs.push(off),
    stop: () => {
      live = false;
      for (const off of offs.splice(0)) off();
    },
  };
}

/**
 * Delivers the slot's decision now and whenever it may change: asks again on every
 * segment and consent change, and takes every decision the client emits for the slot
 * (asking emits one, so asking is never triggered by a decision). Returns the unsubscribe.
 */
export function watchSlot(
  client: EdgesegClient,
  slot: string,
  variants: () => Record<string, unknown>,
  deliver: (decision: Decision) => void,
): () => void {
  const s = subscriptions();
  const ask = (): void => void client.personalize(slot, variants()).catch(() => {});
  s.add(client.on('decision', (d) => s.live() && d.slot === slot && deliver(d)));
  s.add(client.on('segment', ask));
  s.add(client.on('consent', ask));
  ask();
  return s.stop;
}

/** Delivers the assignment now and after every segment or consent change. Returns the unsubscribe. */
export function watchSegment(client: EdgesegClient, deliver: (assignment: Assignment) => void): () => void {
  const s = subscriptions();
  const ask = (): void =>
    void client.segment().then(
      (a) => s.live() && deliver(a),
      () => {},
    );
  s.add(client.on('segment', (a) => s.live() && deliver(a)));
  s.add(client.on('consent', ask));
  ask();
  return s.stop;
}

/** Delivers the consent state once the client is ready and after every change. Returns the unsubscribe. */
export function watchConsent(client: EdgesegClient, deliver: (state: ConsentState) => void): () => void {
  const s = subscriptions();
  s.add(client.on('consent', (state) => s.live() && deliver(state)));
  // A `.then` step: on the queue stub (window.edgeseg before the SDK loads) `consent.get()` is a promise.
  void client.ready
    .then(() => client.consent.get())
    .then(
      (state) => s.live() && deliver(state),
      () => {},
    );
  return s.stop;
}
