// "Simulate a visitor": plays a persona's visit through the real SDK, page by page, with
// accelerated time (demo/ui/clock.js), then opens the home page as that visitor.
import { el, notify } from './dom.js';
import { PERSONAS } from './personas.js';

/** Real milliseconds each simulated page takes on screen. */
export const STEP_MS = 250;

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {HTMLElement} box
 * @param {any} es the edgeseg client
 * @param {() => void} changed called after each simulated page
 */
export function mountSimulator(box, es, changed) {
  const progress = el('p', { id: 'sim-progress', role: 'status' });
  const buttons = PERSONAS.map((persona) =>
    el(
      'li',
      null,
      el('button', { 'data-persona': persona.id, onclick: () => play(persona) }, persona.name),
      ` ${persona.summary}`,
    ),
  );
  box.append(
    el('h3', null, 'Simulate a visitor'),
    el(
      'p',
      { class: 'note' },
      el('strong', null, 'Accelerated time: '),
      `each page takes ${STEP_MS / 1000} s here and counts as the seconds shown. `,
      'Starts a fresh visit: erases this browser’s data for the shop and allows personalization.',
    ),
    el('ul', null, ...buttons),
    progress,
  );

  async function play(persona) {
    for (const b of box.querySelectorAll('button')) b.disabled = true;
    await es.forget();
    await es.consent.set({ personalization: true });
    let n = 0;
    for (const step of persona.steps) {
      n += 1;
      es.page({ path: step.path, pageType: step.type });
      progress.textContent = `${persona.name}: page ${n} of ${persona.steps.length}, ${step.path} (${step.seconds} s, accelerated)`;
      changed();
      await wait(STEP_MS);
      window.demoClock.advance(step.seconds * 1000);
    }
    notify(`Simulated a ${persona.name.toLowerCase()}. This is the shop as they now see it.`);
    sessionStorage.setItem('demo:simulated', persona.name);
    location.assign('/');
  }
}

/** After a simulation, the home page says whom it is showing the shop to. */
export function announceSimulation() {
  const name = sessionStorage.getItem('demo:simulated');
  if (!name) return;
  sessionStorage.removeItem('demo:simulated');
  notify(`Simulated a ${name.toLowerCase()} (accelerated time). This is the shop as they now see it.`);
}
