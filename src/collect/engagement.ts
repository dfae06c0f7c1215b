/** Input that shows a visitor is there. */
const INPUT = ['pointerdown', 'pointermove', 'keydown', 'scroll', 'wheel', 'touchstart'] as const;

/**
 * Measures engaged time: the page is visible and focused, and the last input (pointer,
 * key, scroll, touch) was less than `idleMs` ago. Time after the idle cut-off does not
 * count until the next input. `flush()` returns the engaged seconds since the last flush
 * (the client records them as an `engagement` event when the page is hidden or left, and before the next page view).
 */
export function collectEngagement(
  win: Window,
  doc: Document,
  now: () => number,
  idleMs: number,
): { flush(): number; stop(): void } {
  let total = 0;
  let since: number | null = null;
  let lastInput = now();
  const engaged = (): boolean => doc.visibilityState === 'visible' && doc.hasFocus();
  /** Closes the running span at the earlier of now and the idle cut-off. */
  const settle = (): void => {
    if (since === null) return;
    const end = Math.min(now(), lastInput + idleMs);
    if (end > since) total += end - since;
    since = null;
  };
  const onInput = (): void => {
    const t = now();
    if (since !== null && t - lastInput > idleMs) settle();
    lastInput = t;
    if (since === null && engaged()) since = t;
  };
  const onChange = (): void => {
    settle();
    if (engaged()) since = lastInput = now();
  };
  if (engaged()) since = lastInput;
  const opts = { capture: true, passive: true };
  for (const type of INPUT) win.addEventListener(type, onInput, opts);
  win.addEventListener('focus', onChange);
  win.addEventListener('blur', onChange);
  doc.addEventListener('visibilitychange', onChange);
  return {
    flush() {
      const running = since !== null;
      settle();
      if (running && engaged() && now() - lastInput <= idleMs) since = now();
      const seconds = Math.round(total / 100) / 10;
      total = 0;
      return seconds;
    },
    stop() {
      for (const type of INPUT) win.removeEventListener(type, onInput, opts);
      win.removeEventListener('focus', onChange);
      win.removeEventListener('blur', onChange);
      doc.removeEventListener('visibilitychange', onChange);
    },
  };
}
