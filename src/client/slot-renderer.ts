import { decideSlot } from '../decide/decide-slot';
import { countExposure, currentCounts, isCapped, type CapCounts } from '../decide/frequency-cap';
import { edgesegError } from '../lib/errors';
import { hideSlot, revealSlot } from '../render/hide-pending';
import { adoptRerender, claimSlot, findSlots, showVariant, slotName, slotVariants } from '../render/slots';
import type { VisitorStore } from '../store/store';
import type { ConsentStatus } from '../types/consent';
import type { Assignment, Decision } from '../types/decision';
import type { Profile } from '../types/profile';
import type { ClientContext } from './context';
import type { LayoutGuard } from './layout-guard';

/** The slot renderer: shows each slot's decision, hides slots waiting for the first one, counts exposures. */
export interface SlotRenderer {
  /** Shows each slot's decision: all slots, or those the observer just reported. */
  render(slots?: Element[]): void;
  /** Slots with variants wait hidden for the first decision, at most `timeout` ms. */
  hidePending(doc: Document, timeout: number): void;
  /** The first decision is made: nothing waits hidden any more. */
  stopHiding(): void;
  /** Shows every slot's current content (the end of start-up, whatever happened). */
  revealAll(): void;
  /** Past its cap (or with counts unknown), a variant falls back to the default; one already shown on this page stays. */
  capped(): (variant: string) => boolean;
  /** The store opened with these exposure counts. */
  useCaps(caps: CapCounts | undefined): void;
  /** Consent was withdrawn: exposure counts are gone with the store. */
  forgetExposures(): void;
}

export function createSlotRenderer(
  ctx: ClientContext,
  o: {
    /** The object that owns the slots this renderer claims (the client: one owner per page slot). */
    owner: object;
    assignment(): Assignment;
    personalizing(): ConsentStatus;
    /** Whether slots can be decided: a loaded model, or an assignment known without one (cache, preview). */
    hasModel(): boolean;
    profile(): Profile | null;
    store(): VisitorStore | null;
    /** A slot was decided; `changed` when its variant or reason differs from the last one emitted. */
    onDecision(decision: Decision, changed: boolean): void;
    /** After each render pass (panels redraw). */
    afterRender(): void;
    /** Whether the client is stopped. */
    inert(): boolean;
    /** The layout-shift guardrail: what it switched off, and the swaps it watches. */
    guard: LayoutGuard;
  },
): SlotRenderer {
  const { config, platform, reporter } = ctx;
  const doc = platform.document;
  const caps = config.frequencyCaps;
  const slotKeys = new Map<string, string>();
  /** How often a framework re-render replaced each slot's content. */
  const rerenders = new WeakMap<Element, number>();
  /** Slots wait hidden for the first decision until then (epoch ms); 0 once decided. */
  let hideUntil = 0;
  /** Exposure counts for frequency caps; `null` until read from the store. */
  let counted: CapCounts | null = null;
  /** Variants counted as exposed on this page view. */
  const exposed = new Set<string>();

  const counts = (): CapCounts => currentCounts(counted ?? undefined, platform.now(), o.profile()?.session?.start ?? 0);

  const capped =
    (now = counts()) =>
    (v: string): boolean =>
      o.assignment().source === 'model' && !exposed.has(v) && (counted ? isCapped(caps?.[v], now, v) : !!caps?.[v]);

  function renderSlot(slot: Element, name: string): void {
    const variants = new Set(slotVariants(slot).keys());
    const a = o.assignment();
    const waiting = hideUntil > platform.now();
    // Pending: no decision yet, or a capped variant whose counts are still being read.
    if (
      waiting &&
      variants.size > 0 &&
      (a.source === 'none' || (!counted && a.source === 'model' && caps?.[a.id ?? '']))
    ) {
      hideSlot(slot);
      return;
    }
    const now = counts();
    const decision = decideSlot(name, variants, a, o.personalizing(), o.hasModel(), capped(now), o.guard.off);
    if (showVariant(slot, decision.variant, config.allowVariantScripts)) o.guard.swapped(slot, decision);
    revealSlot(slot);
    if (decision.reason === 'segment_variant' && caps?.[decision.variant] && !exposed.has(decision.variant)) {
      exposed.add(decision.variant);
      countExposure(now, decision.variant);
      counted = now;
      o.store()
        ?.putKv('caps', now)
        .catch(() => {});
    }
    const key = `${decision.variant}|${decision.reason}`;
    const changed = slotKeys.get(name) !== key;
    if (changed) slotKeys.set(name, key);
    o.onDecision(decision, changed);
  }

  return {
    render(slots) {
      if (!doc || o.inert()) return;
      for (const slot of slots ?? findSlots(doc)) {
        const name = slotName(slot);
        if (!name || !claimSlot(slot, o.owner)) continue;
        try {
          // Re-apply once after a framework replaced our content; the second time, it wins.
          const times = (rerenders.get(slot) ?? 0) + (adoptRerender(slot) ? 1 : 0);
          rerenders.set(slot, times);
          if (times > 1) continue;
          renderSlot(slot, name);
        } catch (cause) {
          revealSlot(slot);
          reporter.report(edgesegError('render_failed', `edgeseg: slot "${name}" could not be rendered`, { cause }));
        }
      }
      o.afterRender();
    },
    hidePending(d, timeout) {
      hideUntil = platform.now() + timeout;
      // The hard limit: whatever happens, the default content shows after `timeout`.
      platform.setTimeout(() => {
        hideUntil = 0;
        findSlots(d).forEach(revealSlot);
      }, timeout);
    },
    stopHiding: () => void (hideUntil = 0),
    revealAll() {
      if (doc) for (const slot of findSlots(doc)) revealSlot(slot);
    },
    capped: () => capped(),
    useCaps: (saved) => void (counted = saved ?? currentCounts(undefined, 0, 0)),
    forgetExposures() {
      counted = null;
      exposed.clear();
    },
  };
}
