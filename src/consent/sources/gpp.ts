import type { ConsentState } from '../../types/consent';
import { combineOpinions } from '../combine';
import { everyPurpose, whenPresent, type ConsentSource, type Opinion } from './source';
import { tcfOpinion } from './tcf';

/** The part of a GPP `PingReturn` edgeseg reads. */
export interface GppPing {
  signalStatus?: 'ready' | 'not ready' | string;
  applicableSections?: number[];
  parsedSections?: Record<string, unknown>;
}

type GppApi = (
  command: string,
  callback: (data: { pingData?: GppPing; listenerId?: number }, success: boolean) => void,
  parameter?: unknown,
) => void;

/** US opt-outs that withdraw consent: 1 means "opted out" in every US section. */
const US_OPT_OUTS = ['SaleOptOut', 'SharingOptOut', 'TargetedAdvertisingOptOut'];

/** A section's fields; sections with sub-sections (e.g. a GPC segment) parse to an array. */
function fields(section: unknown): Record<string, unknown> {
  const parts = Array.isArray(section) ? section : [section];
  return Object.assign({}, ...parts.filter((p) => p && typeof p === 'object')) as Record<string, unknown>;
}

/**
 * Reads a GPP signal: the EU TCF section (`tcfeuv2`) through the TCF mapping, and every
 * US section (national `usnat`, the states, legacy `uspv1`): any sale, sharing or
 * targeted-advertising opt-out denies every purpose; no opt-out grants. A GPP string with
 * no section that applies asks for nothing: granted. Not ready yet: pending.
 */
export function gppOpinion(
  ping: GppPing,
  options: { tcf?: boolean | undefined; us?: boolean | undefined },
  tcf: Parameters<typeof tcfOpinion>[1],
): Opinion {
  if (ping.signalStatus !== 'ready') return everyPurpose('pending');
  const sections = ping.parsedSections ?? {};
  const opinions: Partial<ConsentState>[] = [];
  for (const [name, section] of Object.entries(sections)) {
    const f = fields(section);
    if (name === 'tcfeuv2' && options.tcf !== false) {
      const purposes = (f['PurposeConsents'] as boolean[] | undefined) ?? [];
      const vendors = (f['VendorConsents'] as number[] | undefined) ?? [];
      const publisher = (f['PublisherConsents'] as boolean[] | undefined) ?? [];
      const consents = Object.fromEntries((tcf.publisher ? publisher : purposes).map((on, i) => [i + 1, on]));
      const vendorId = tcf.vendorId;
      opinions.push(
        tcfOpinion(
          {
            eventStatus: 'tcloaded',
            purpose: { consents },
            publisher: { consents },
            vendor: { consents: vendorId ? { [vendorId]: vendors.includes(vendorId) } : {} },
          },
          tcf,
        ) ?? {},
      );
    } else if (name === 'uspv1' && options.us !== false) {
      opinions.push(everyPurpose(f['OptOutSale'] === 'Y' ? 'denied' : 'granted'));
    } else if (name.startsWith('us') && options.us !== false) {
      opinions.push(everyPurpose(US_OPT_OUTS.some((key) => f[key] === 1) ? 'denied' : 'granted'));
    }
  }
  if (opinions.length === 0) return everyPurpose('granted');
  return combineOpinions(opinions);
}

// Read by name: the build mangles `_`-prefixed property names, and this one is the CMP's.
const findGppApi = (win: Window): GppApi | undefined => Reflect.get(win, '__gpp') as GppApi | undefined;

/** IAB GPP through `__gpp('addEventListener')`. */
export const gppSource: ConsentSource = {
  name: 'gpp',
  present: (win) => typeof findGppApi(win) === 'function',
  start(win, config, report, clock) {
    report(everyPurpose('pending'));
    return whenPresent(
      () => findGppApi(win),
      (api) => {
        let listenerId: number | undefined;
        let stopped = false;
        api('addEventListener', (data, success) => {
          if (!success || !data?.pingData || stopped) return;
          listenerId ??= data.listenerId;
          report(gppOpinion(data.pingData, config.sources.gpp ?? {}, config.sources.tcf ?? {}));
        });
        return () => {
          stopped = true;
          if (listenerId !== undefined) api('removeEventListener', () => {}, listenerId);
        };
      },
      clock,
    );
  },
};
