/**
 * The visitor transparency widget chunk (`dist/edgeseg.why.mjs`), loaded with
 * `transparency: true`: a small "Why am I seeing this?" button that lists the
 * explanations of what the page personalized (in words: never slot names), with buttons
 * to download and to erase the visitor's data.
 *
 * Placement: inside the page's `[data-edgeseg-why]` element when there is one, else at
 * the end of `<body>`; in the page flow either way, so it never floats over the page's
 * controls or a consent banner (a page that wants it floating styles `edgeseg-why`, whose
 * rules win over the widget's own). Hidden while consent is pending: there is nothing to
 * explain yet, and the banner asks first.
 */
import { createPanel, h, makeToggle } from '../render/shadow-panel';
import type { PanelMount } from './panel-contract';
import { systemClock } from '../lib/platform';
import { readableExport } from '../render/readable-export';

const CSS = `:host{position:static;display:block;margin:8px 0;font:13px/1.4 system-ui,sans-serif;color:#111}:host([hidden]){display:none}
.box{color:#111;font:13px/1.4 system-ui,sans-serif;background:#fff;border:1px solid #999;border-radius:6px;max-width:360px}
.toggle{font:inherit;padding:6px 10px;background:#fff;color:#1d3557;border:0;cursor:pointer;text-decoration:underline}
button:focus-visible{outline:3px solid #1d3557;outline-offset:1px}.body{padding:0 10px 10px}
.actions button{font:inherit;margin-right:8px}`;

const mount: PanelMount = (doc, snapshot, client, clock = systemClock) => {
  const { host, root } = createPanel(doc, 'edgeseg-why', CSS);
  doc.querySelector('[data-edgeseg-why]')?.append(host);
  const body = doc.createElement('div');
  body.className = 'body';
  const list = doc.createElement('ul');
  const status = h(doc, 'p', { role: 'status' });
  const download = h(doc, 'button', { type: 'button' }, 'Download my data');
  const erase = h(doc, 'button', { type: 'button' }, 'Erase my data');
  // Two files: a summary a person can read, and the complete data for machines.
  const save = (name: string, text: string, type: string): void => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    h(doc, 'a', { href: url, download: name }).click();
    // Revoked later, not at once: the download reads the object URL after this task.
    clock.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  download.addEventListener('click', () => {
    void client.exportData().then((data) => {
      save('edgeseg-data.txt', readableExport(data), 'text/plain;charset=utf-8');
      save('edgeseg-data.json', JSON.stringify(data, null, 2), 'application/json');
      status.textContent = 'Your data was downloaded: a readable summary and the complete data.';
    });
  });
  erase.addEventListener('click', () => {
    void client.forget().then(() => {
      status.textContent = 'Your data on this device was erased.';
      refresh();
    });
  });
  body.append(list, h(doc, 'p', { class: 'actions' }, download, erase), status);
  const box = h(doc, 'section', { class: 'box', role: 'region', 'aria-label': 'Personalization' });
  box.append(makeToggle(doc, 'Why am I seeing this?', body, false, box), body);
  root.append(box);
  const refresh = (): void => {
    const { decisions, consent } = snapshot();
    // One line per distinct reason: slot names are the site's code, not words for a visitor.
    const reasons = [...new Set(decisions.map((d) => d.explanation))];
    list.replaceChildren(...reasons.map((reason) => h(doc, 'li', null, reason)));
    if (reasons.length === 0) list.replaceChildren(h(doc, 'li', null, 'Nothing on this page is personalized.'));
    // Shown again after an erase (pending once more) only to confirm it.
    host.hidden = consent.personalization === 'pending' && !status.textContent;
  };
  refresh();
  return { refresh, remove: () => host.remove() };
};

export default mount;
