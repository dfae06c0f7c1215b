import { DEFAULT_VARIANT } from '../decide/decide-slot';

/** Attribute naming a slot; its children (other than templates) are the default content. */
export const SLOT_ATTR = 'data-edgeseg-slot';
/** Attribute on a `<template>` inside a slot naming the segment it is for. */
export const VARIANT_ATTR = 'data-edgeseg-variant';
/** Set by edgeseg on a slot: the variant it shows now (for CSS and tests). */
export const SHOWN_ATTR = 'data-edgeseg-shown';

// `_`-prefixed: the build mangles these private names (this file is in the script-tag core).
interface SlotState {
  /** The original children, kept so revert restores exactly what the page had. */
  _defaults: ChildNode[];
  /** Nodes edgeseg inserted for the variant shown. */
  _inserted: ChildNode[];
  _shown: string;
}

const states = new WeakMap<Element, SlotState>();
const owners = new WeakMap<Element, object>();

/**
 * Whether `owner` may render `slot`. The first client to render a slot keeps it until it
 * is destroyed: two edgeseg instances on one page (a script tag and an npm import) would
 * otherwise undo each other's swaps, each observing the other's, without end.
 */
export function claimSlot(slot: Element, owner: object): boolean {
  const current = owners.get(slot);
  if (current && current !== owner) return false;
  owners.set(slot, owner);
  return true;
}

/** Gives up `owner`'s claim on `slot` (see {@link claimSlot}); `true` when it had one. */
export function releaseSlot(slot: Element, owner: object): boolean {
  return owners.get(slot) === owner && owners.delete(slot);
}

/** Every slot element under `root`. */
export function findSlots(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(`[${SLOT_ATTR}]`));
}

/** The slot's name, or `null` when the attribute is empty. */
export function slotName(slot: Element): string | null {
  const name = slot.getAttribute(SLOT_ATTR);
  return name ? name : null;
}

/** The slot's variants by segment id (direct child templates only, so nested slots stay separate). */
export function slotVariants(slot: Element): Map<string, HTMLTemplateElement> {
  const out = new Map<string, HTMLTemplateElement>();
  for (const child of Array.from(slot.children)) {
    const id = child.getAttribute(VARIANT_ATTR);
    if (child.localName === 'template' && id && !out.has(id)) out.set(id, child as HTMLTemplateElement);
  }
  return out;
}

const isTemplate = (node: Node): boolean => (node as Element).localName === 'template';

/**
 * Makes a variant's cloned content inert before it is inserted: `<script>` elements go,
 * and so does every attribute that can run code: inline handlers (`on*`), `srcdoc`, and
 * any value with a `javascript:` URL in it (checked with the whitespace and control
 * characters browsers ignore in URLs removed). Variant markup is the page's own, but
 * scripts in it would run on every re-application and, through `?edgeseg_preview=`, for
 * any visitor a link is sent to. `allowVariantScripts: true` turns this off.
 */
export function makeInert(content: DocumentFragment): void {
  content.querySelectorAll('*').forEach((el) => {
    if (el.localName === 'script') el.remove();
    for (const { name, value } of Array.from(el.attributes))
      if (/^on|^srcdoc$/i.test(name) || /javascript:/i.test(value.replace(/[\0- ]+/g, ''))) el.removeAttribute(name);
  });
}

/**
 * Shows `variant` in the slot: a deep clone of the template's inert content, never a
 * string through innerHTML, with scripts and inline handlers removed (see
 * {@link makeInert}) unless `scripts` is true (`allowVariantScripts`). Applying the
 * variant already shown does nothing. Returns whether the DOM changed.
 */
export function showVariant(slot: Element, variant: string, scripts = false): boolean {
  const state = states.get(slot);
  const current = state?._shown ?? DEFAULT_VARIANT;
  if (current === variant) return false;
  const template = variant === DEFAULT_VARIANT ? undefined : slotVariants(slot).get(variant);
  if (variant !== DEFAULT_VARIANT && !template) return false;
  const doc = slot.ownerDocument;
  const next: SlotState = state ?? {
    _defaults: Array.from(slot.childNodes).filter((node) => !isTemplate(node)),
    _inserted: [],
    _shown: DEFAULT_VARIANT,
  };
  for (const node of next._inserted) node.remove();
  next._inserted = [];
  const anchor = slot.firstChild;
  if (template) {
    for (const node of next._defaults) node.remove();
    const fragment = doc.importNode(template.content, true);
    if (!scripts) makeInert(fragment);
    next._inserted = Array.from(fragment.childNodes);
    slot.insertBefore(fragment, anchor && anchor.parentNode === slot ? anchor : null);
    slot.setAttribute(SHOWN_ATTR, variant);
  } else {
    const fragment = doc.createDocumentFragment();
    for (const node of next._defaults) fragment.appendChild(node);
    slot.insertBefore(fragment, slot.firstChild);
    slot.removeAttribute(SHOWN_ATTR);
  }
  next._shown = variant;
  states.set(slot, next);
  return true;
}

/** Puts the page's own content back. */
export function revertSlot(slot: Element): boolean {
  return showVariant(slot, DEFAULT_VARIANT);
}

/** The variant a slot shows now. */
export function shownVariant(slot: Element): string {
  return states.get(slot)?._shown ?? DEFAULT_VARIANT;
}

/**
 * Whether a framework re-render replaced what edgeseg inserted. If so the slot's state
 * is dropped: its children now are the framework's default, and the slot can be applied
 * afresh. Returns `true` when that happened.
 */
export function adoptRerender(slot: Element): boolean {
  const state = states.get(slot);
  if (!state || state._inserted.every((node) => node.parentNode === slot)) return false;
  states.delete(slot);
  slot.removeAttribute(SHOWN_ATTR);
  return true;
}
