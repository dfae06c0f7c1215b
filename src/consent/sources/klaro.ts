import { byMapping, everyPurpose, guarded, whenPresent, type ConsentSource, type Opinion } from './source';

/** The Klaro service names each purpose needs by default. */
const MAPPING = { personalization: ['edgeseg'], measurement: ['edgeseg'] };

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
  if (!manager?.confirmed) return everyPurpose('pending');
  const consents = manager.consents;
  return byMapping(
    {
      personalization: mapping.personalization ?? MAPPING.personalization,
      measurement: mapping.measurement ?? MAPPING.measurement,
    },
    (service) => consents[service] === true,
  );
}

/** Klaro: the manager's consents, followed through its watcher. */
export const klaroSource: ConsentSource = {
  name: 'klaro',
  present: (win) => 'klaro' in win || 'klaroConfig' in win,
  start(win, config, report, fail) {
    report(everyPurpose('pending'));
    return whenPresent(
      () => (win as unknown as KlaroWindow).klaro?.getManager?.(),
      (manager) => {
        const watcher = { update: guarded(() => report(klaroOpinion(manager, config.sources.klaro)), fail) };
        manager.watch(watcher);
        watcher.update();
        return () => manager.unwatch(watcher);
      },
      fail,
    );
  },
};
