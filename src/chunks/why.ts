/**
 * The visitor transparency widget chunk (`dist/edgeseg.why.mjs`), loaded with
 * `transparency: true`: a small "Why am I seeing this?" button that lists each slot's
 * explanation, with buttons to download and to erase the visitor's data.
 */
import { createPanel, h, makeToggle } from '../render/shadow-panel';
import type { PanelMount } from './panel-contract';
import { systemClock } from '../lib/platform';
import { readableExport } from '../render/readable-export';

const CSS = `:host{left:12px;bottom:12px;font:13px/1.4 system-ui,sans-serif;color:#111}
.box{color:#111;font:13px/1.4 system-ui,sans-serif;background:#fff;border:1px solid #999;border-radius:6px;max-width:360px}
.toggle{font:inherit;padding:6px 10px;background:#fff;color:#1d3557;border:0;cursor:pointer;text-decoration:underline}
button:focus-visible{outline:3px solid #1d3557;outline-offset:1px}.body{padding:0 10px 10px}
.actions button{font:inherit;margin-right:8px}`;

const mount: PanelMount = (doc, snapshot, client, clock = systemClock) => {
  const { host, root } = createPanel(doc, 'edgeseg-why', CSS);
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
    void client.forget().then(() => (status.textContent = 'Your data on this device was erased.'));
  });
  body.append(list, h(doc, 'p', { class: 'actions' }, download, erase), status);
  const box = h(doc, 'section', { class: 'box', role: 'region', 'aria-label': 'Personalization' });
  box.append(makeToggle(doc, 'Why am I seeing this?', body, false, box), body);
  root.append(box);
  const refresh = (): void => {
    const decisions = snapshot().decisions;
    list.replaceChildren(
      ...decisions.map((d) => h(doc, 'li', null, h(doc, 'strong', null, `${d.slot}: `), d.explanation)),
    );
    if (decisions.length === 0) list.replaceChildren(h(doc, 'li', null, 'Nothing on this page is personalized.'));
  };
  refresh();
  return { refresh, remove: () => host.remove() };
};

export default mount;
