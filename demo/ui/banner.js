// The consent banner: personalization, with a separate, unticked choice for measurement
// (anonymous reports of which version was shown and whether it led to a cart add; see the
// README's "Experiments and measurement"). Declining refuses both.
import { el } from './dom.js';

/** What the banner asks, in the visitor's words. */
export const CHOICES = {
  question: 'We can tailor this shop to how you browse. Your browsing stays on this device: nothing is sent to us.',
  measure:
    'Also help us measure whether this helps: anonymous reports of which version you saw and whether you added to cart (no identifier).',
  allow: 'Allow personalization',
  decline: 'No thanks',
};

/**
 * Shows the banner while personalization is pending (its one button answers both).
 * @param {any} es the edgeseg client
 * @param {() => void} changed called after each choice
 */
export function mountBanner(es, changed) {
  const banner = el('div', { id: 'consent-banner', class: 'banner', role: 'dialog', 'aria-label': 'Personalization' });
  banner.hidden = true;
  const measure = el('input', { type: 'checkbox', id: 'measure' });
  const choose = (personalization) => () =>
    es.consent.set({ personalization, measurement: personalization && measure.checked }).then(changed);
  banner.append(
    el('p', null, CHOICES.question),
    el('p', null, el('label', null, measure, ' ', CHOICES.measure)),
    el(
      'p',
      null,
      el('button', { id: 'accept', onclick: choose(true) }, CHOICES.allow),
      ' ',
      el('button', { id: 'decline', onclick: choose(false) }, CHOICES.decline),
    ),
  );
  document.body.append(banner);
  return {
    /** @param {Record<string, string>} state */
    update(state) {
      banner.hidden = state.personalization !== 'pending';
    },
  };
}
