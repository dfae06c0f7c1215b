/** Attribute naming the event a click on an element records. */
export const TRACK_ATTR = 'data-edgeseg-track';

/**
 * Records clicks on `[data-edgeseg-track]` elements with one delegated listener. Only
 * the event name and an optional `data-edgeseg-label` are read: never text or form values.
 * Returns a function that removes the listener.
 */
export function collectClicks(
  doc: Document,
  record: (name: string, props: Record<string, string>) => void,
): () => void {
  const onClick = (event: Event): void => {
    const target = event.target as Element | null;
    const el = target?.closest?.(`[${TRACK_ATTR}]`);
    const name = el?.getAttribute(TRACK_ATTR);
    if (!el || !name) return;
    const label = el.getAttribute('data-edgeseg-label');
    record(name, label ? { label: label.slice(0, 64) } : {});
  };
  // Capture phase: a page handler that stops propagation must not hide the click from us.
  doc.addEventListener('click', onClick, { capture: true, passive: true });
  return () => doc.removeEventListener('click', onClick, { capture: true });
}
