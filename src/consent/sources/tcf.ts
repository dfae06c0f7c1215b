import type { Purpose } from '../../types/consent';
import { own } from '../../lib/own';
import type { ConsentConfig } from '../../types/config';
import { DEFAULT_MAPPINGS } from './default-mappings';
import { byMapping, everyPurpose, guarded, whenPresent, type ConsentSource, type Opinion } from './source';

/** The part of the IAB TCF v2.2 `TCData` edgeseg reads. */
export interface TcData {
  gdprApplies?: boolean;
  eventStatus?: 'tcloaded' | 'cmpuishown' | 'useractioncomplete' | string;
  listenerId?: number;
  purpose?: { consents?: Record<string, boolean> };
  vendor?: { consents?: Record<string, boolean> };
  publisher?: { consents?: Record<string, boolean> };
}

type TcfApi = (
  command: string,
  version: number,
  callback: (data: TcData, success: boolean) => void,
  parameter?: unknown,
) => void;

/** The TCF purposes each edgeseg purpose needs under these options (all of them). */
export function tcfMapping(options: NonNullable<ConsentConfig['sources']['tcf']>): Record<Purpose, number[]> {
  return {
    personalization: options.personalization ?? DEFAULT_MAPPINGS.tcf.personalization,
    measurement: options.measurement ?? DEFAULT_MAPPINGS.tcf.measurement,
  };
}

/**
 * Reads a TCF v2.2 `TCData`. Outside the GDPR (`gdprApplies: false`) TCF asks for no
 * consent: granted. Only `tcloaded` and `useractioncomplete` carry a choice; while the
 * banner is up (`cmpuishown`) the state stays pending. With `publisher: true` the
 * publisher's own purpose consents count; otherwise the global purpose consents, and
 * with a `vendorId` that vendor's consent as well.
 */
export function tcfOpinion(data: TcData, options: NonNullable<ConsentConfig['sources']['tcf']>): Opinion {
  // Own properties only: an inherited (polluted) `gdprApplies: false` or consent is not the CMP's.
  if (own(data, 'gdprApplies') === false) return everyPurpose('granted');
  const status = own(data, 'eventStatus');
  if (status !== 'tcloaded' && status !== 'useractioncomplete') return everyPurpose('pending');
  const consents = own(own(data, options.publisher ? 'publisher' : 'purpose'), 'consents');
  const vendors = own(own(data, 'vendor'), 'consents');
  const vendor = options.vendorId === undefined || own(vendors, options.vendorId) === true;
  return byMapping(tcfMapping(options), (purpose) => vendor && own(consents, purpose) === true);
}

// Read by name: the build mangles `_`-prefixed property names, and this one is the CMP's.
const findTcfApi = (win: Window): TcfApi | undefined => Reflect.get(win, '__tcfapi') as TcfApi | undefined;

/** IAB TCF v2.2 through `__tcfapi('addEventListener')`. */
export const tcfSource: ConsentSource = {
  name: 'tcf',
  present: (win) => typeof findTcfApi(win) === 'function',
  start(win, config, report, fail, clock) {
    const options = config.sources.tcf ?? {};
    report(everyPurpose('pending'));
    return whenPresent(
      () => findTcfApi(win),
      (api) => {
        let listenerId: number | undefined;
        let stopped = false;
        let answered = false;
        const listener = (data: TcData, success: boolean): void => {
          if (!success || !data || stopped) return;
          listenerId ??= own(data, 'listenerId') as number | undefined;
          // The banner reopened over an earlier choice: that choice stands until the visitor acts.
          const shown = own(data, 'eventStatus') === 'cmpuishown';
          if (shown && answered) return;
          answered ||= own(data, 'gdprApplies') === false || !shown;
          report(tcfOpinion(data, options));
        };
        api('addEventListener', 2, guarded(listener, fail));
        return () => {
          stopped = true;
          if (listenerId !== undefined) api('removeEventListener', 2, () => {}, listenerId);
        };
      },
      fail,
      clock,
    );
  },
};
