import { readConsentRecord } from '../consent/consent-record';
import { offRecord } from '../decide/switched-off';
import type { Platform } from '../lib/platform';
import type { ExportedData } from '../types/client';
import type { ConsentState } from '../types/consent';
import type { Assignment } from '../types/decision';
import type { Parts } from './wire';

/**
 * Everything edgeseg holds about the visitor, for `exportData()`: what the store keeps,
 * the consent record, the guardrail's switch-offs (localStorage), the segment and the
 * bundle in use. Without a started client (inert, or not initialised) only what the
 * page's own storage holds.
 */
export async function exportData(
  parts: Parts | null,
  platform: Platform,
  consent: ConsentState,
  assignment: Assignment,
): Promise<ExportedData> {
  const stored = (await parts?.keeper.exportAll()) ?? { profile: null, events: [], records: {}, storage: 'none' };
  const bundle = parts?.bundles.prepared()?.bundle;
  return {
    format: 'edgeseg-export/1' as const,
    exportedAt: new Date(platform.now()).toISOString(),
    consent: { state: consent, record: readConsentRecord(platform.localStorage()) },
    profile: stored.profile,
    events: stored.events,
    // The variants the layout-shift guardrail switched off (kept in localStorage, listed with the rest).
    records: { ...stored.records, ...offRecord(platform.localStorage(), platform.now()) },
    segment: { ...assignment },
    bundle: bundle ? { id: bundle.id ?? null, version: bundle.version } : null,
    storage: stored.storage,
  };
}
