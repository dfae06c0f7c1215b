// QA: preview the shop as any segment of the bundle (?edgeseg_preview=ID: this page view
// only, nothing stored or counted), or as yourself.
import { el } from './dom.js';

/**
 * @param {HTMLElement} box
 * @param {{ segments: { id: string, label: string }[] }} bundle
 */
export function mountSwitcher(box, bundle) {
  const here = new URLSearchParams(location.search).get('edgeseg_preview');
  const link = (id, label) => {
    const url = id ? `${location.pathname}?edgeseg_preview=${encodeURIComponent(id)}` : location.pathname;
    return el('li', null, el('a', { href: url, 'aria-current': (here ?? '') === (id ?? '') ? 'page' : null }, label));
  };
  box.append(
    el('h3', null, 'Preview a segment (QA)'),
    el('p', { class: 'note' }, 'This page view only: nothing is stored or counted.'),
    el('ul', { id: 'segment-switcher' }, link(null, 'As yourself'), ...bundle.segments.map((s) => link(s.id, s.label))),
  );
}
