import type { Timers } from '../../src/lib/platform';
import { createSignal } from './signal';

/** Timers that fire only when the test says so; see {@link manualTimers}. */
export interface ManualTimers {
  timers: Timers;
  /** The delays of the timers set and not yet fired or cleared, in the order they were set. */
  pending(): number[];
  /** Resolves once at least one timer is pending (the code under test has started waiting). */
  waiting(): Promise<void>;
  /** Fires every pending timer now, as if its time had come. */
  fire(): void;
}

/**
 * Timers for code that takes the platform's (`Timers`): nothing fires by itself, so a
 * test decides exactly when a timeout happens (or that it never does), whatever the
 * machine's speed. Works in Node and in the browser.
 */
export function manualTimers(): ManualTimers {
  const pending = new Map<number, { run: () => void; ms: number }>();
  const signal = createSignal();
  let next = 1;
  return {
    timers: {
      setTimeout(run, ms) {
        pending.set(next, { run, ms });
        signal.changed();
        return next++;
      },
      clearTimeout: (handle) => void pending.delete(handle as number),
    },
    pending: () => [...pending.values()].map((t) => t.ms),
    waiting: () => signal.until(() => pending.size > 0),
    fire() {
      const due = [...pending.values()];
      pending.clear();
      for (const t of due) t.run();
    },
  };
}
