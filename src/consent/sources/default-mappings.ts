import type { Purpose } from '../../types/consent';

/**
 * What each consent manager's signal must grant for each edgeseg purpose when the config
 * names nothing else: IAB TCF purposes (1 store on a device; 5 and 6 build and use a
 * personalised-content profile; 8 measure content performance; 9 audience insights),
 * Google Consent Mode types, OneTrust groups, Cookiebot categories and Klaro services.
 * The adapters read it; the privacy manifest states it.
 */
export const DEFAULT_MAPPINGS: { tcf: Record<Purpose, number[]> } & Record<
  'consentMode' | 'onetrust' | 'cookiebot' | 'klaro',
  Record<Purpose, string[]>
> = {
  tcf: { personalization: [1, 5, 6], measurement: [1, 8, 9] },
  consentMode: { personalization: ['personalization_storage'], measurement: ['analytics_storage'] },
  onetrust: { personalization: ['C0003'], measurement: ['C0002'] },
  cookiebot: { personalization: ['preferences'], measurement: ['statistics'] },
  klaro: { personalization: ['edgeseg'], measurement: ['edgeseg'] },
};
