// The consent banner: one choice per purpose the shop asks for. Today only
// personalization; another purpose (measurement, an experiment) is one more entry in
// CHOICES and its words, nothing else.
import { el } from './dom.js';

/** What the banner asks, in the visitor's words. */
export const CHOICES = [
  {
    purpose: 'personalization',
    question: 'We can tailor this shop to how you browse. Your browsing stays on this device: nothing is sent to us.',
    allow: 'Allow personalization',
    decline: 'No thanks',
  },
];

/**
 * Shows the banner while any of its purposes is pending.
 * @param {any} es the edgeseg client
 * @param {() => void} changed called after each choice
 */
export function mountBanner(es, changed) {
  const banner = el('div', { id: 'consent-banner', class: 'banner', role: 'dialog', 'aria-label': 'Personalization' });
  banner.hidden = true;
  for (const choice of CHOICES) {
    const pick = (value) => () => es.consent.set({ [choice.purpose]: value }).then(changed);
    banner.append(
      el('p', null, choice.question),
      el(
        'p',
        null,
        el('button', { id: 'accept', onclick: pick(true) }, choice.allow),
        ' ',
        el('button', { id: 'decline', onclick: pick(false) }, choice.decline),
      ),
    );
  }
  document.body.append(banner);
  return {
    /** @param {Record<string, string>} state */
    update(state) {
      banner.hidden = !CHOICES.some((c) => state[c.purpose] === 'pending');
    },
  };
}
