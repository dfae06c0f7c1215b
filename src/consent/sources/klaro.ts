import { own } from '../../lib/own';
import { byMapping, everyPurpose, guarded, whenPresent, type ConsentSource, type Opinion } from './source';
import { DEFAULT_MAPPINGS } from './default-mappings';

/** The Klaro service names each purpose needs by default. */
const MAPPING = DEFAULT_MAPPINGS.klaro;

interface KlaroManager {
  consents: Record<string, boolean>;
  confirmed: boolean;
  watch(watcher: { update: () => void }): void;
  unwatch(watcher: { update: () => void }): void;
}
interface KlaroWindow {
  klaro?: { getManager?: () => KlaroManager | undefined };
}

/** Reads a Klaro manager's consents; pending until the visitor confirmed a choice. */
export function klaroOpinion(
  manager: KlaroManager | undefined,
  mapping: { personalization?: string[] | undefined; measurement?: string[] | undefined } = {},
): Opinion {
  // Own properties only: Klaro sets both on the manager; an inherited (polluted) one is not its.
  if (own(manager, 'confirmed') !== true) return everyPurpose('pending');
  const consents = own(manager, 'consents');
  return byMapping(
    {
      personalization: mapping.personalization ?? MAPPING.personalization,
      measurement: mapping.measurement ?? MAPPING.measurement,
    },
    (service) => own(consents, service) === true,
  );
}

/** Klaro: the manager's consents, followed through its watcher. */
export const klaroSource: ConsentSource = {
  name: 'klaro',
  present: (win) => own(win, 'klaro') !== undefined || own(win, 'klaroConfig') !== undefined,
  start(win, config, report, fail, clock) {
    report(everyPurpose('pending'));
    return whenPresent(
      () => (own(win, 'klaro') as KlaroWindow['klaro'])?.getManager?.(),
      (manager) => {
        const watcher = { update: guarded(() => report(klaroOpinion(manager, config.sources.klaro)), fail) };
        manager.watch(watcher);
        watcher.update();
        return () => manager.unwatch(watcher);
      },
      fail,
      clock,
    );
  },
};
