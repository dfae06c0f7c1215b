import { findSlots, SLOT_ATTR } from './slots';

/**
 * Reports slots that appear after start (SPA routes, lazy HTML) and slots whose children
 * changed (a framework re-render). edgeseg's own swaps also produce records; they are
 * harmless because applying a slot's current decision again changes nothing.
 * Returns the function that stops watching.
 */
export function watchSlots(doc: Document, found: (slots: Element[]) => void): () => void {
  const Observer = doc.defaultView?.MutationObserver;
  if (!Observer) return () => {};
  const observer = new Observer((records) => {
    const slots = new Set<Element>();
    // The changed parent and every slot under it: added slots, and slots whose children changed.
    for (const { target } of records) {
      if (target.nodeType !== 1) continue;
      if ((target as Element).hasAttribute(SLOT_ATTR)) slots.add(target as Element);
      for (const slot of findSlots(target as Element)) slots.add(slot);
    }
    if (slots.size > 0) found([...slots]);
  });
  observer.observe(doc, { childList: true, subtree: true });
  return () => observer.disconnect();
}
