/**
 * The beacon chunk (`dist/edgeseg.beacon.mjs`): the IndexedDB queue, batching and
 * transport of `edgeseg-events/1` reports, randomized response, and web-vitals. Loaded
 * only once `measurement` is granted and a beacon URL is configured.
 */
import { startBeacon } from '../measure/beacon';
import { watchVitals } from '../measure/vitals';
import { openBeaconQueue } from '../store/beacon-queue';
import type { BeaconChunk } from './measure-contract';

const beacon: BeaconChunk = {
  start(host) {
    // Vitals first: their `visibilitychange` listeners then run before the beacon's.
    const vitals = host.vitals ? watchVitals() : null;
    return startBeacon(host, openBeaconQueue(host.platform.indexedDB(), host.maxQueue), vitals);
  },
};

export default beacon;
