import { writeSwitchedOff, type SwitchedOff } from '../decide/switched-off';
import { asEdgesegError, edgesegError } from '../lib/errors';
import type { Decision } from '../types/decision';
import type { EdgesegError } from '../types/error';
import type { GuardrailConfig, GuardrailTrip } from '../types/guardrail';

/** A slot that started showing a variant: the layout shifts right after it are its own. */
export interface Swap {
  slot: Element;
  /** The decision shown (a QA preview's is reported, never switched off). */
  decision: Decision;
  /** When the DOM changed, on the performance timeline (`performance.now()`). */
  at: number;
}

/** What the guard needs from the core. */
export interface ShiftGuardHost {
  window: Window;
  settings: GuardrailConfig;
  /** Epoch ms. */
  now(): number;
  storage(): Storage | null;
  /** Whether a switch-off may be remembered (personalization granted, storage allowed). */
  persist(): boolean;
  /** What is switched off, as remembered (the guard adds to it). */
  off: SwitchedOff;
  emit(trip: GuardrailTrip): void;
  report(error: EdgesegError): void;
}

/** A running guard. */
export interface ShiftGuard {
  stop(): void;
}

/** The part of a `layout-shift` entry the guard reads (not yet in TypeScript's DOM types). */
interface LayoutShift extends PerformanceEntry {
  value: number;
  hadRecentInput: boolean;
  sources: readonly { node: Node | null }[];
}

/**
 * How long after a swap a shift can be its doing (ms). The browser lays the swap out in
 * the next frame; a busy main thread can delay that frame, so the window is generous,
 * and the moved-nodes test below keeps shifts elsewhere on the page out of it.
 */
const AFTER = 1000;
/** A frame's time stamp can precede the task that swapped within it (a swap in a `requestAnimationFrame` callback). */
const BEFORE = 50;

/**
 * The layout-shift guardrail: watches the page's layout shifts and attributes each to the
 * variant swap that caused it, the latest swap at most {@link AFTER} ms before the shift
 * whose slot is, holds, precedes (in document order) or sits in a node that moved,
 * which is what a slot growing or shrinking pushes. Shifts right after input (`hadRecentInput`) are the
 * visitor's doing and are not counted, as in CLS. `buffered` delivers the shifts of swaps
 * made before the guard started. `swaps` is the core's list, read at each shift (the core
 * adds to it and keeps it short). When a variant's shifts in this page view pass
 * `settings.cls`, it is switched off for the visitor for `settings.days` (remembered
 * only with consent to store), a `guardrail` event and a `guardrail` error are emitted.
 * `null` where the browser reports no layout shifts.
 */
export function watchShifts(host: ShiftGuardHost, swaps: readonly Swap[]): ShiftGuard | null {
  const Observer = (host.window as { PerformanceObserver?: typeof PerformanceObserver }).PerformanceObserver;
  if (!Observer?.supportedEntryTypes?.includes('layout-shift')) return null;
  const { settings } = host;
  const totals = new Map<string, number>();
  // The slot itself, what it holds, what follows it, or an ancestor (Chromium names the
  // container when many of its children moved): not what comes before it.
  const moves = (slot: Element, node: Node | null): boolean =>
    !!node && !(slot.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING && !node.contains(slot));

  function trip({ decision }: Swap, key: string, cls: number): void {
    const { slot, variant } = decision;
    const until = decision.reason === 'preview' ? null : host.now() + settings.days * 86_400_000;
    if (until !== null) {
      host.off[key] = until;
      if (host.persist()) writeSwitchedOff(host.storage(), host.off);
    }
    const rounded = Math.round(cls * 1000) / 1000;
    host.emit({ slot, variant, segment: decision.segment, cls: rounded, until });
    host.report(
      edgesegError(
        'guardrail',
        `edgeseg: variant "${variant}" of slot "${slot}" shifted the layout by ${rounded} (limit ${settings.cls}); ` +
          (until === null
            ? 'a preview is not switched off'
            : `from the next page it shows the default to this visitor for ${settings.days} days`),
        { path: slot },
      ),
    );
  }

  function attribute(entry: LayoutShift): void {
    if (entry.hadRecentInput) return;
    for (let i = swaps.length - 1; i >= 0; i--) {
      const swap = swaps[i] as Swap;
      const since = entry.startTime - swap.at;
      if (since < -BEFORE || since > AFTER || !entry.sources.some((s) => moves(swap.slot, s.node))) continue;
      const key = `${swap.decision.slot}|${swap.decision.variant}`;
      const before = totals.get(key) ?? 0;
      const total = before + entry.value;
      totals.set(key, total);
      // Once per page view and variant: the first time its total passes the limit.
      if (before <= settings.cls && total > settings.cls) trip(swap, key, total);
      return;
    }
  }

  // The browser calls this, not edgeseg: whatever fails in it is reported, never thrown into the page.
  const observer = new Observer((list) => {
    try {
      for (const entry of list.getEntries()) attribute(entry as LayoutShift);
    } catch (cause) {
      host.report(asEdgesegError(cause, 'internal', 'edgeseg: the layout-shift guardrail failed'));
    }
  });
  observer.observe({ type: 'layout-shift', buffered: true });
  return { stop: () => observer.disconnect() };
}
