// The demo shop's page glue, through the public edgeseg API only: the consent banner,
// the footer, and the demo tools (simulator, segment preview, "where am I" map). Each
// part is its own module; this file wires them to the client's events.
import { mountBanner } from './banner.js';
import { mountFooter } from './footer.js';
import { mountMap } from './map.js';
import { announceSimulation, mountSimulator } from './simulate.js';
import { mountSwitcher } from './switcher.js';

const es = window.edgeseg; // the queue stub until the SDK loads; it forwards afterwards
const tools = document.getElementById('demo-tools');
const parts = {
  banner: mountBanner(es, refresh),
  footer: mountFooter(document.querySelector('footer'), es, refresh),
  map: null,
};

function refresh() {
  Promise.all([Promise.resolve(es.consent.get()), es.segment()]).then(([state, assignment]) => {
    parts.banner.update(state);
    parts.footer.update(state, assignment);
    parts.map?.update(assignment);
  });
}

mountSimulator(tools.querySelector('#simulator'), es, refresh);
fetch('/segments/bundle.json')
  .then((r) => r.json())
  .then((bundle) => {
    mountSwitcher(tools.querySelector('#switcher'), bundle);
    parts.map = mountMap(tools.querySelector('#map'), es, bundle);
    refresh();
  });

es.on('segment', refresh);
es.on('consent', refresh);
es.ready.then(() => {
  refresh();
  announceSimulation();
});
