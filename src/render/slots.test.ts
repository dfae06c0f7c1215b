import { beforeEach, describe, expect, it } from 'vitest';
import { findSlots, makeInert, revertSlot, shownVariant, showVariant, slotVariants } from './slots';
import { hideSlot, revealSlot } from './hide-pending';

beforeEach(() => {
  document.body.innerHTML = `<div data-edgeseg-slot="hero"><p class="default">Default</p><template data-edgeseg-variant="a"><p class="a">A <b>bold</b></p></template><template data-edgeseg-variant="b"><p class="b">B</p></template></div>`;
});
const slot = () => findSlots(document)[0] as HTMLElement;
const visible = () =>
  Array.from(slot().children)
    .filter((c) => c.localName !== 'template')
    .map((c) => c.className);

describe('slots', () => {
  it('lists variants from direct child templates', () => {
    expect([...slotVariants(slot()).keys()]).toEqual(['a', 'b']);
  });

  it('swaps in a clone of the template and keeps the default for revert', () => {
    expect(showVariant(slot(), 'a')).toBe(true);
    expect(visible()).toEqual(['a']);
    expect(slot().getAttribute('data-edgeseg-shown')).toBe('a');
    expect(slot().querySelector('template[data-edgeseg-variant="a"]')).not.toBeNull();
    showVariant(slot(), 'b');
    expect(visible()).toEqual(['b']);
    expect(revertSlot(slot())).toBe(true);
    expect(visible()).toEqual(['default']);
    expect(slot().hasAttribute('data-edgeseg-shown')).toBe(false);
  });

  it('is idempotent: applying the same variant twice equals once', () => {
    showVariant(slot(), 'a');
    const html = slot().innerHTML;
    expect(showVariant(slot(), 'a')).toBe(false);
    expect(slot().innerHTML).toBe(html);
    expect(shownVariant(slot())).toBe('a');
  });

  it('ignores a variant the slot has no template for', () => {
    expect(showVariant(slot(), 'zzz')).toBe(false);
    expect(visible()).toEqual(['default']);
  });

  it('hides with visibility (keeps the box) and restores the slot own style', () => {
    slot().style.visibility = 'collapse';
    hideSlot(slot());
    expect(slot().style.visibility).toBe('hidden');
    revealSlot(slot());
    expect(slot().style.visibility).toBe('collapse');
  });
});

describe('variant content is made inert', () => {
  const fragment = (html: string): DocumentFragment => {
    const t = document.createElement('template');
    t.innerHTML = html;
    return t.content;
  };
  const html = (f: DocumentFragment): string =>
    Array.from(f.childNodes, (n) => (n as Element).outerHTML ?? n.textContent).join('');

  it('drops scripts, on* handlers, srcdoc and javascript: URLs (whatever the case or the whitespace), nothing else', () => {
    const f = fragment(
      '<p onclick="x()" ONMOUSEOVER="y()" class="c" title="t">A<script>x()</script></p>' +
        '<a href=" JaVa\tScRiPt:x()" data-x="javascript:x()">b</a><a href="/ok">ok</a>' +
        '<iframe srcdoc="<b>x</b>"></iframe><object data="javascript:x()"></object><svg><script>x()</script></svg>',
    );
    makeInert(f);
    expect(html(f)).toBe(
      '<p class="c" title="t">A</p><a>b</a><a href="/ok">ok</a><iframe></iframe><object></object><svg></svg>',
    );
  });

  it('showVariant strips by default; with scripts allowed (allowVariantScripts) the content is cloned as written', () => {
    document.body.innerHTML = `<div data-edgeseg-slot="hero"><template data-edgeseg-variant="a"><p class="a" onclick="x()">A</p></template></div>`;
    showVariant(slot(), 'a');
    expect(slot().querySelector('p.a')!.hasAttribute('onclick')).toBe(false);
    revertSlot(slot());
    showVariant(slot(), 'a', true);
    expect(slot().querySelector('p.a')!.getAttribute('onclick')).toBe('x()');
  });
});
