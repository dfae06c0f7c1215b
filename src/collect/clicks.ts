import type { PropValue } from '../types/event';

/** Attribute naming the event a click on an element records. */
export const TRACK_ATTR = 'data-edgeseg-track';

/** Attributes read beside the event name: short, declared by the site, never page text. */
const EXTRA = ['label', 'category', 'product', 'currency'] as const;

/**
 * Properties declared on a tracked element: `data-edgeseg-label` (cut to 64 characters),
 * `-category`, `-product`, `-currency` and a numeric `-value`. Text content and form
 * values are never read, so a click cannot leak what a visitor typed.
 */
export function clickProps(el: Element): Record<string, PropValue> {
  const props: Record<string, PropValue> = {};
  for (const name of EXTRA) {
    const value = el.getAttribute(`data-edgeseg-${name}`)?.trim();
    if (value) props[name] = value.slice(0, 64);
  }
  const value = Number(el.getAttribute('data-edgeseg-value') ?? NaN);
  if (Number.isFinite(value)) props['value'] = value;
  return props;
}

/**
 * Records clicks on `[data-edgeseg-track]` elements with one delegated listener.
 * Returns a function that removes the listener.
 */
export function collectClicks(
  doc: Document,
  record: (name: string, props: Record<string, PropValue>) => void,
): () => void {
  const onClick = (event: Event): void => {
    const target = event.target as Element | null;
    const el = target?.closest?.(`[${TRACK_ATTR}]`);
    const name = el?.getAttribute(TRACK_ATTR);
    if (el && name) record(name, clickProps(el));
  };
  // Capture phase: a page handler that stops propagation must not hide the click from us.
  doc.addEventListener('click', onClick, { capture: true, passive: true });
  return () => doc.removeEventListener('click', onClick, { capture: true });
}
