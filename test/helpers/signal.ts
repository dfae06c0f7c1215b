/**
 * Waiting on events instead of on the clock: the code under test (through the test's
 * callbacks and fakes) calls `changed()` whenever something observable happens, and
 * `until(done)` resolves at the first change after which `done()` holds. Nothing polls
 * and nothing sleeps, so a slow machine only makes a test slower, never wrong; a
 * condition that never holds fails by the test's own timeout.
 */
export interface Signal {
  changed(): void;
  until(done: () => boolean): Promise<void>;
}

export function createSignal(): Signal {
  const waiting = new Set<() => void>();
  return {
    changed() {
      for (const check of [...waiting]) check();
    },
    until(done) {
      return new Promise<void>((resolve) => {
        const check = (): void => {
          if (!done()) return;
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
        check();
      });
    },
  };
}
