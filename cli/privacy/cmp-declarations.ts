import { DEFAULT_MAPPINGS } from '../../src/consent/sources/default-mappings';
import { OFF_KEY } from '../../src/decide/switched-off';
import type { EdgesegConfig } from '../../src/types/config';
import type { Purpose } from '../../src/types/consent';
import type { Manifest, StorageItem } from './manifest';

/** The consent managers `edgeseg privacy declarations --cmp` writes for. */
export const CMP_FORMATS = ['onetrust', 'cookiebot', 'klaro', 'tcf'] as const;
export type CmpFormat = (typeof CMP_FORMATS)[number];

/** How long an item lives, in days, for forms that want a number: the longest bound its retention states. */
function lifespanDays(item: StorageItem, m: Manifest): number {
  if (item.store === 'events') return m.retention.maxAgeDays;
  if (item.record === 'bundle') return m.retention.bundleDays;
  if (item.name.endsWith(':consent')) return 0; // until erased: "persistent" in the forms
  if (item.name === OFF_KEY) return m.retention.guardrailDays ?? 0;
  return m.retention.profileDays;
}

const csvCell = (value: string | number): string => {
  const s = String(value);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (rows: (string | number)[][]): string => rows.map((row) => row.map(csvCell).join(',')).join('\n') + '\n';

/** Holds and retention as two sentences, for a CMP's description column. */
const describe = (i: StorageItem): string =>
  [i.holds, i.retention].map((s) => s.charAt(0).toUpperCase() + s.slice(1) + (s.endsWith('.') ? '' : '.')).join(' ');

/** The storage item's display name in a CMP's list: `edgeseg:consent`, `edgeseg (IndexedDB) / events`, `… / kv / bundle`. */
const itemName = (i: StorageItem): string =>
  i.where === 'localStorage' ? i.name : [i.name, i.store, i.record].filter(Boolean).join(' / ');

/**
 * OneTrust: the fields of a manually added cookie in Cookie Consent (Cookies → Add cookie),
 * one row per item: Cookie Name, Host, Category (the OneTrust group the site maps the
 * purpose to; the consent record is Strictly Necessary, C0001), Lifespan (days; 0 =
 * persistent until erased), Type, Description.
 */
function onetrust(m: Manifest, config: EdgesegConfig, host: string): string {
  const groups = { ...DEFAULT_MAPPINGS.onetrust, ...config.consent.sources.onetrust };
  const rows: (string | number)[][] = [['Cookie Name', 'Host', 'Category', 'Lifespan', 'Type', 'Description']];
  for (const item of m.storage) {
    const category = item.purpose ? (groups[item.purpose]?.[0] ?? '') : 'C0001';
    const type = item.where === 'indexedDB' ? 'IndexedDB' : 'Local Storage';
    rows.push([itemName(item), host, category, lifespanDays(item, m), type, describe(item)]);
  }
  return csv(rows);
}

/**
 * Cookiebot: the fields of a manually declared cookie (Cookiebot Manager → Cookies → Add
 * cookie), one row per item: Name, Provider, Category (Necessary, Preferences, Statistics,
 * Marketing: the category the site maps the purpose to), Purpose, Expiry, Type (`HTML`
 * for local storage, `IndexedDB`).
 */
function cookiebot(m: Manifest, config: EdgesegConfig, host: string): string {
  const categories = { ...DEFAULT_MAPPINGS.cookiebot, ...config.consent.sources.cookiebot };
  const label = (c: string) => c.charAt(0).toUpperCase() + c.slice(1);
  const rows: (string | number)[][] = [['Name', 'Provider', 'Category', 'Purpose', 'Expiry', 'Type']];
  for (const item of m.storage) {
    const category = item.purpose ? label(categories[item.purpose]?.[0] ?? 'preferences') : 'Necessary';
    const days = lifespanDays(item, m);
    rows.push([
      itemName(item),
      host,
      category,
      describe(item),
      days ? `${days} days` : 'Persistent',
      item.where === 'indexedDB' ? 'IndexedDB' : 'HTML',
    ]);
  }
  return csv(rows);
}

/** A Klaro `services` entry (https://klaro.org/docs/integration/annotated-configuration). */
export interface KlaroService {
  name: string;
  title: string;
  description: string;
  purposes: string[];
  cookies: string[];
  required: boolean;
  default: boolean;
  optOut: boolean;
  onlyOnce: boolean;
}

/**
 * Klaro: one service per service name the site maps a purpose to (default: one, `edgeseg`,
 * for both purposes). edgeseg sets no cookies, so `cookies` is empty: on a refusal edgeseg
 * erases its own storage itself. `default` follows the consent mode (opt-out: on).
 */
export function klaroServices(m: Manifest, config: EdgesegConfig): KlaroService[] {
  const names = { ...DEFAULT_MAPPINGS.klaro, ...config.consent.sources.klaro };
  const byService = new Map<string, Purpose[]>();
  for (const purpose of Object.keys(m.purposes) as Purpose[])
    for (const service of names[purpose] ?? []) byService.set(service, [...(byService.get(service) ?? []), purpose]);
  return [...byService].map(([name, purposes]) => ({
    name,
    title: purposes.includes('personalization') ? 'Personalization (edgeseg)' : 'Measurement (edgeseg)',
    description: purposes.map((p) => m.purposes[p].enables).join(' '),
    purposes,
    cookies: [],
    required: false,
    default: m.consent.mode === 'opt-out',
    optOut: false,
    onlyOnce: false,
  }));
}

/** IAB TCF v2.2 purpose names (the Global Vendor List's), for the purposes edgeseg can require. */
const TCF_PURPOSES: Record<number, string> = {
  1: 'Store and/or access information on a device',
  5: 'Create profiles to personalise content',
  6: 'Use profiles to select personalised content',
  8: 'Measure content performance',
  9: 'Understand audiences through statistics or combinations of data from different sources',
};

/** TCF: which TCF purposes each edgeseg purpose requires under this config, with their names. */
function tcf(config: EdgesegConfig): object {
  const options = config.consent.sources.tcf ?? {};
  const mapping = { ...DEFAULT_MAPPINGS.tcf, ...options };
  const purposes = (p: Purpose) =>
    (mapping[p] ?? []).map((id) => ({ id, name: TCF_PURPOSES[id] ?? `TCF purpose ${id}` }));
  return {
    personalization: purposes('personalization'),
    measurement: purposes('measurement'),
    consentsRead: options.publisher
      ? 'publisher purpose consents'
      : `global purpose consents${options.vendorId ? ` and vendor ${options.vendorId}` : ''}`,
    specialFeatures: [],
    legitimateInterest: 'never relied on: only consents count',
  };
}

/** The declaration text for one consent manager. */
export function cmpDeclaration(format: CmpFormat, m: Manifest, config: EdgesegConfig, host: string): string {
  if (format === 'onetrust') return onetrust(m, config, host);
  if (format === 'cookiebot') return cookiebot(m, config, host);
  if (format === 'klaro') return JSON.stringify({ services: klaroServices(m, config) }, null, 2) + '\n';
  return JSON.stringify(tcf(config), null, 2) + '\n';
}
