import type { PropValue } from '../types/event';

/** Depths reported, in percent of the page's height. */
export const SCROLL_THRESHOLDS = [25, 50, 75, 100] as const;

/** How far down the page the viewport's bottom edge is, in percent (0–100). */
export function scrollDepth(win: Window, doc: Document): number {
  const root = doc.documentElement;
  const height = Math.max(root.scrollHeight, doc.body?.scrollHeight ?? 0);
  if (height <= 0) return 0;
  // A pixel of rounding must not keep a page scrolled to its end from counting as 100%.
  return Math.min(100, ((win.scrollY + win.innerHeight + 1) / height) * 100);
}

/**
 * Records `scroll` events with `depth` 25, 50, 75 and 100, each once per page view, as
 * the visitor scrolls. Returns `reset` (a new page view starts again) and `stop`.
 */
export function collectScroll(
  win: Window,
  doc: Document,
  record: (props: Record<string, PropValue>) => void,
): { reset(): void; stop(): void } {
  let reached = 0;
  let scheduled = false;
  const measure = (): void => {
    scheduled = false;
    const depth = scrollDepth(win, doc);
    for (const threshold of SCROLL_THRESHOLDS) {
      if (threshold <= reached || depth < threshold) continue;
      reached = threshold;
      record({ depth: threshold });
    }
  };
  // At most one measurement a frame: scroll events fire far more often than that.
  const onScroll = (): void => {
    if (scheduled) return;
    scheduled = true;
    (win.requestAnimationFrame ?? ((fn: () => void) => setTimeout(fn, 16)))(measure);
  };
  win.addEventListener('scroll', onScroll, { passive: true });
  return {
    reset: () => (reached = 0),
    stop: () => win.removeEventListener('scroll', onScroll),
  };
}
