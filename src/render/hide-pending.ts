/** Set while a slot waits for its decision. */
export const PENDING_ATTR = 'data-edgeseg-pending';

const saved = new WeakMap<HTMLElement, string>();

/**
 * Hides one slot while its decision is pending. `visibility` keeps the slot's box, so
 * hiding and revealing shift nothing; setting it through CSSOM needs no inline-style
 * CSP exception. The body is never hidden.
 */
export function hideSlot(slot: Element): void {
  const el = slot as HTMLElement;
  if (!el.style || el.hasAttribute(PENDING_ATTR)) return;
  saved.set(el, el.style.visibility);
  el.style.visibility = 'hidden';
  el.setAttribute(PENDING_ATTR, '');
}

/** Shows a slot hidden by {@link hideSlot} again, restoring its own visibility. */
export function revealSlot(slot: Element): void {
  const el = slot as HTMLElement;
  if (!el.hasAttribute(PENDING_ATTR)) return;
  el.style.visibility = saved.get(el) ?? '';
  el.removeAttribute(PENDING_ATTR);
  saved.delete(el);
}
