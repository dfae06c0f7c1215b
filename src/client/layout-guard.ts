import { DEFAULT_VARIANT } from '../decide/decide-slot';
import { readSwitchedOff } from '../decide/switched-off';
import type { ShiftGuard, Swap } from '../chunks/collect-contract';
import type { Decision } from '../types/decision';
import type { GuardrailTrip } from '../types/guardrail';
import type { ClientContext } from './context';

/** The layout-shift guardrail as the core sees it (the observer and the switch-off are in the collect chunk). */
export interface LayoutGuard {
  /** Whether the guardrail switched `variant` off in `slot` for this visitor (on an earlier page). */
  off(slot: string, variant: string): boolean;
  /** `slot` now shows the decision's variant (its DOM changed): the shifts that follow are its own. */
  swapped(slot: Element, decision: Decision): void;
  /** Everything was erased (consent withdrawn, `forget()`): nothing is off any more. */
  forget(): void;
  /** The client is destroyed: the observer goes. */
  stop(): void;
}

/**
 * Switches off, for this visitor, a variant whose own swaps shift the layout by more than
 * `guardrail.cls` in a page view (see `watchShifts`): from the next page on its slot
 * shows the default (reason `guardrail`) for `guardrail.days`. Not on this page: putting
 * the default back now would shift the page a second time. The core keeps only what a
 * decision needs before any chunk arrives; the observer loads with the collect chunk
 * at the first swap, and the shifts before it come from the browser's buffer.
 */
export function createLayoutGuard(
  ctx: ClientContext,
  o: { persist(): boolean; emit(trip: GuardrailTrip): void },
): LayoutGuard {
  const { config, platform, reporter } = ctx;
  const settings = config.guardrail;
  // Read once, at start: decisions on this page keep what they showed (see above).
  let atStart = settings ? readSwitchedOff(platform.localStorage(), platform.now()) : {};
  const host = {
    off: { ...atStart },
    ...o,
    now: platform.now,
    storage: platform.localStorage,
    report: reporter.report,
  };
  /** Recent swaps, read by the observer at each shift. */
  const swaps: Swap[] = [];
  let guard: ShiftGuard | null = null;
  let state = 0; // 0 idle, 1 started, 2 stopped

  return {
    off: (slot, variant) => !!settings && (atStart[`${slot}|${variant}`] ?? 0) > platform.now(),
    swapped(slot, decision) {
      const win = platform.window;
      if (!settings || !win || state > 1 || decision.variant === DEFAULT_VARIANT) return;
      // Only recent swaps can be blamed: the list stays short on a page that swaps often.
      if (swaps.push({ slot, decision, at: win.performance.now() }) > 50) swaps.shift();
      if (state) return;
      state = 1;
      ctx.load('collect').then(
        (chunk) =>
          reporter.guard(() => {
            if (state < 2) guard = chunk.watchShifts({ ...host, window: win, settings }, swaps);
          }),
        // The collect chunk's failure is the event pipeline's to report.
        () => {},
      );
    },
    forget() {
      atStart = {};
      // In place: the observer holds the same object.
      for (const key of Object.keys(host.off)) delete host.off[key];
    },
    stop() {
      state = 2;
      guard?.stop();
    },
  };
}
