// The footer: the visitor's segment in words (or why there is none), and the buttons to
// download, erase, withdraw and allow again, each confirming on screen what it did.
import { el, notify } from './dom.js';

/**
 * @param {HTMLElement} footer
 * @param {any} es the edgeseg client
 * @param {() => void} changed called after consent changes
 */
export function mountFooter(footer, es, changed) {
  const segment = el('strong', { id: 'segment' }, '…');
  const why = el('span', { id: 'why' });
  const allow = el(
    'button',
    {
      id: 'allow-again',
      onclick: () =>
        es.consent.set({ personalization: true }).then(() => {
          notify('Personalization is on again. Your browsing from now on is kept on this device.');
          changed();
        }),
    },
    'Allow personalization',
  );
  const revoke = el(
    'button',
    {
      id: 'revoke',
      onclick: () =>
        es.consent.revoke().then(() => {
          notify(
            'Consent withdrawn: your profile and events were deleted from this device. Only your choice to decline is kept, so we do not ask again.',
          );
          changed();
        }),
    },
    'Withdraw consent',
  );
  const erase = el(
    'button',
    {
      id: 'forget',
      onclick: () =>
        es.forget().then(() => {
          notify(
            'Erased: everything stored on this device about you, your consent choice included. You will be asked again.',
          );
          changed();
        }),
    },
    'Erase my data',
  );
  const download = el(
    'button',
    {
      id: 'export',
      onclick: () =>
        es.exportData().then((data) => {
          const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
          el('a', { href: url, download: 'edgeseg-data.json' }).click();
          setTimeout(() => URL.revokeObjectURL(url), 1000);
          const events = data.events.length;
          notify(
            `Downloaded edgeseg-data.json: ${events} ${events === 1 ? 'event' : 'events'}${data.profile ? `, a profile of ${data.profile.pages} ${data.profile.pages === 1 ? 'page' : 'pages'}` : ', no profile'}.`,
          );
        }),
    },
    'Download my data',
  );
  // Before the widget's place (already in the HTML: the SDK may mount the widget first).
  footer.prepend(
    el('p', null, el('span', { id: 'segment-intro' }, 'Your segment: '), segment, ' ', why),
    el('p', null, download, ' ', erase, ' ', revoke, ' ', allow),
    el('p', { id: 'notice', role: 'status' }),
  );
  return {
    /** Redraws from the consent state and the assignment. */
    update(state, assignment) {
      const intro = footer.querySelector('#segment-intro');
      revoke.hidden = state.personalization !== 'granted';
      allow.hidden = state.personalization !== 'denied';
      if (state.personalization === 'denied') {
        intro.textContent = 'Personalization is off: ';
        segment.textContent = 'you declined';
        why.textContent = 'Nothing about your browsing is kept; only your choice is remembered.';
      } else if (state.personalization === 'pending') {
        intro.textContent = 'Personalization: ';
        segment.textContent = 'waiting for your choice';
        why.textContent = 'Until you choose, nothing is stored and everyone sees the same shop.';
      } else {
        intro.textContent = 'Your segment: ';
        segment.textContent = assignment.label || 'none yet';
        why.textContent = assignment.id ? assignment.explanation : 'Browse a few pages and the shop adapts.';
      }
    },
  };
}
