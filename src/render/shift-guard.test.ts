import { describe, expect, it } from 'vitest';
import type { Decision } from '../types/decision';
import type { GuardrailTrip } from '../types/guardrail';
import type { EdgesegError } from '../types/error';
import { OFF_KEY } from '../decide/switched-off';
import { watchShifts, type Swap } from './shift-guard';

/** A PerformanceObserver the test feeds `layout-shift` entries to. */
function fakeObserver() {
  const observers: ((entries: object[]) => void)[] = [];
  class Observer {
    static supportedEntryTypes = ['layout-shift'];
    constructor(private readonly cb: (list: { getEntries(): object[] }) => void) {}
    observe(): void {
      observers.push((entries) => this.cb({ getEntries: () => entries }));
    }
    disconnect(): void {
      observers.length = 0;
    }
  }
  const shift = (startTime: number, value: number, nodes: (Node | null)[], hadRecentInput = false) =>
    observers.forEach((o) => o([{ startTime, value, hadRecentInput, sources: nodes.map((node) => ({ node })) }]));
  return { Observer, shift, observers };
}

function setup(persist = true, emit?: (t: GuardrailTrip) => void) {
  document.body.innerHTML = '<p id="above">above</p><div id="hero"></div><p id="below">below</p>';
  const fake = fakeObserver();
  const trips: GuardrailTrip[] = [];
  const errors: EdgesegError[] = [];
  const off: Record<string, number> = {};
  const swaps: Swap[] = [];
  const guard = watchShifts(
    {
      window: { PerformanceObserver: fake.Observer } as unknown as Window,
      settings: { cls: 0.1, days: 30 },
      now: () => 1_000_000,
      storage: () => localStorage,
      persist: () => persist,
      off,
      emit: emit ?? ((t) => trips.push(t)),
      report: (e) => errors.push(e),
    },
    swaps,
  );
  const hero = document.getElementById('hero') as Element;
  const swap = (at: number, reason: Decision['reason'] = 'segment_variant'): void => {
    const decision = { slot: 'hero', variant: 'reader', segment: 'reader', reason } as Decision;
    swaps.push({ slot: hero, decision, at });
  };
  const node = (id: string) => document.getElementById(id);
  return { ...fake, guard, trips, errors, off, swap, node };
}

describe('the layout-shift guardrail', () => {
  it('counts the shifts right after a swap that move what follows the slot, and switches the variant off once past 0.1', () => {
    localStorage.clear();
    const { shift, swap, node, trips, errors, off } = setup();
    swap(100);
    // Chromium names the container when many of its children moved.
    shift(116, 0.06, [document.body]);
    expect(trips).toEqual([]);
    shift(132, 0.05, [node('below')]);
    expect(trips).toEqual([
      { slot: 'hero', variant: 'reader', segment: 'reader', cls: 0.11, until: 1_000_000 + 30 * 86_400_000 },
    ]);
    expect(errors.map((e) => e.code)).toEqual(['guardrail']);
    expect(off).toEqual({ 'hero|reader': 1_000_000 + 30 * 86_400_000 });
    expect(JSON.parse(localStorage.getItem(OFF_KEY) as string)).toEqual(off);
    // Once per page view: more shifts add nothing.
    shift(150, 0.3, [node('below')]);
    expect(trips).toHaveLength(1);
  });

  it('does not blame a swap for shifts above the slot, long after it, or after input', () => {
    const { shift, swap, node, trips } = setup();
    swap(100);
    shift(120, 0.5, [node('above')]);
    shift(2000, 0.5, [node('below')]);
    shift(130, 0.5, [node('below')], true);
    shift(130, 0.5, [null]);
    expect(trips).toEqual([]);
  });

  it('reports a preview without switching it off, and remembers nothing without consent to store', () => {
    localStorage.clear();
    const preview = setup();
    preview.swap(100, 'preview');
    preview.shift(120, 0.2, [preview.node('hero')]);
    expect(preview.trips.map((t) => t.until)).toEqual([null]);
    expect(preview.off).toEqual({});
    const unconsented = setup(false);
    unconsented.swap(100);
    unconsented.shift(120, 0.2, [unconsented.node('below')]);
    expect(unconsented.off).toEqual({ 'hero|reader': 1_000_000 + 30 * 86_400_000 });
    expect(localStorage.getItem(OFF_KEY)).toBeNull();
  });

  it('reports a failure inside the observer instead of throwing it into the page', () => {
    const { shift, swap, node, errors } = setup(true, () => {
      throw new Error('a broken listener');
    });
    swap(100);
    expect(() => shift(120, 0.5, [node('below')])).not.toThrow();
    expect(errors.map((e) => e.code)).toEqual(['internal']);
  });

  it('is null where the browser reports no layout shifts', () => {
    expect(watchShifts({ window: {} as Window } as never, [])).toBeNull();
  });
});
