import type { ConsentConfig } from '../../types/config';
import { combineOpinions } from '../combine';
import { own } from '../../lib/own';
import { byMapping, everyPurpose, guarded, whenPresent, type ConsentSource, type Opinion } from './source';
import { tcfMapping } from './tcf';

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

type GppOptions = NonNullable<ConsentConfig['sources']['gpp']>;
type TcfOptions = ConsentConfig['sources']['tcf'];

/** US opt-outs that withdraw consent: 1 means "opted out" in every US section. */
const US_OPT_OUTS = ['SaleOptOut', 'SharingOptOut', 'TargetedAdvertisingOptOut'];

/**
 * The sections this adapter reads, by GPP section id: the TCF sections (2 EU, 5 Canada),
 * the legacy US Privacy string (6) and the US national and state sections (7–27, in the
 * order of the GPP section registry). Any other id is a section it cannot read.
 */
const SECTIONS = new Map<unknown, string>([
  [2, 'tcfeuv2'],
  [5, 'tcfcav1'],
  [6, 'uspv1'],
  ...'nat ca va co ut ct fl mt or tx de ia ne nh nj tn mn md in ky ri'
    .split(' ')
    .map((state, i): [number, string] => [7 + i, 'us' + state]),
]);

/**
 * The field names a TCF section keeps its consents under: the EU section's purpose and
 * vendor consents; Canada's express consents only (implied consent does not count here).
 */
const TCF_FIELDS = new Map<string, [purposes: string, publisher: string, vendors: string]>([
  ['tcfeuv2', ['PurposeConsents', 'PublisherConsents', 'VendorConsents']],
  ['tcfcav1', ['PurposesExpressConsent', 'PubPurposesExpressConsent', 'VendorExpressConsent']],
]);

/** A section's fields; sections with sub-sections (e.g. a GPC segment) parse to an array. */
function fields(section: object): (key: string) => unknown {
  const parts = Array.isArray(section) ? section : [section];
  return (key) => parts.map((part) => own(part, key)).find((value) => value !== undefined);
}

/** A TCF section through the `tcf` mapping: the purposes (1-based bit fields), and the vendor with `vendorId`. */
function tcfSectionOpinion(name: string, field: (key: string) => unknown, tcf: NonNullable<TcfOptions>): Opinion {
  const [purposeKey, publisherKey, vendorKey] = TCF_FIELDS.get(name) as [string, string, string];
  const purposes = field(tcf.publisher ? publisherKey : purposeKey);
  const vendors = field(vendorKey);
  const vendor = tcf.vendorId === undefined || (Array.isArray(vendors) && vendors.includes(tcf.vendorId));
  return byMapping(tcfMapping(tcf), (purpose) => vendor && own(purposes, Number(purpose) - 1) === true);
}

/**
 * What one applicable section says. Unknown, or missing from `parsedSections`: pending
 * (this adapter cannot read it, so it cannot grant on it). A TCF section with
 * `gpp.tcf: false` is left to the `tcf` source when that is configured, else pending; a
 * US section with `gpp.us: false` is pending.
 */
function sectionOpinion(id: unknown, parsed: unknown, options: GppOptions, tcf: TcfOptions): Opinion {
  const name = SECTIONS.get(id);
  const isTcf = name !== undefined && TCF_FIELDS.has(name);
  if (isTcf && options.tcf === false) return tcf ? null : everyPurpose('pending');
  const section = name === undefined || (!isTcf && options.us === false) ? undefined : own(parsed, name);
  if (!section || typeof section !== 'object') return everyPurpose('pending');
  const field = fields(section);
  if (isTcf) return tcfSectionOpinion(name, field, tcf ?? {});
  if (name === 'uspv1') return everyPurpose(field('OptOutSale') === 'Y' ? 'denied' : 'granted');
  return everyPurpose(US_OPT_OUTS.some((key) => field(key) === 1) ? 'denied' : 'granted');
}

/**
 * Reads a GPP signal, driven by `applicableSections`: not ready yet, pending; no section
 * applies (`[-1]` or `[]`), no opinion, so the consent mode's default stands; otherwise
 * every applicable section is read and any denial wins (see {@link sectionOpinion}):
 * the EU and Canadian TCF sections through the TCF mapping, the US sections (national,
 * states, legacy `uspv1`) where any sale, sharing or targeted-advertising opt-out denies.
 * `tcf` is the `tcf` source's config, `undefined` when that source is not configured.
 */
export function gppOpinion(ping: GppPing, options: GppOptions, tcf: TcfOptions): Opinion {
  const applicable = own(ping, 'applicableSections');
  if (own(ping, 'signalStatus') !== 'ready' || !Array.isArray(applicable)) return everyPurpose('pending');
  const ids = applicable.filter((id) => id !== -1);
  if (ids.length === 0) return null;
  const parsed = own(ping, 'parsedSections');
  return combineOpinions(ids.map((id) => sectionOpinion(id, parsed, options, tcf)));
}

// Read by name: the build mangles `_`-prefixed property names, and this one is the CMP's.
const findGppApi = (win: Window): GppApi | undefined => Reflect.get(win, '__gpp') as GppApi | undefined;

/** IAB GPP through `__gpp('addEventListener')`. */
export const gppSource: ConsentSource = {
  name: 'gpp',
  present: (win) => typeof findGppApi(win) === 'function',
  start(win, config, report, fail, clock) {
    report(everyPurpose('pending'));
    return whenPresent(
      () => findGppApi(win),
      (api) => {
        let listenerId: number | undefined;
        let stopped = false;
        const listener = (data: unknown, success: boolean): void => {
          const ping = own(data, 'pingData') as GppPing | undefined;
          if (!success || !ping || stopped) return;
          listenerId ??= own(data, 'listenerId') as number | undefined;
          report(gppOpinion(ping, config.sources.gpp ?? {}, config.sources.tcf));
        };
        api('addEventListener', guarded(listener, fail));
        return () => {
          stopped = true;
          if (listenerId !== undefined) api('removeEventListener', () => {}, listenerId);
        };
      },
      fail,
      clock,
    );
  },
};
