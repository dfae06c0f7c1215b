import type { Purpose } from '../../src/types/consent';

/**
 * What each purpose switches on, and what happens without it: the wording the manifest,
 * the notice and the CMP declarations share.
 */
export const PURPOSE_TEXT: Record<Purpose, { enables: string; without: string }> = {
  personalization: {
    enables:
      "recording the visitor's browsing on their own device (pages, clicks on marked elements, scroll, time, cart and purchase events), keeping a profile from it in the browser's storage, computing a segment from that profile on the device, and showing content chosen for the segment",
    without:
      'nothing is stored (no IndexedDB, no localStorage except the record of a refusal, no cookie), events seen on the current page stay in memory and are dropped, and every visitor sees the default content',
  },
  measurement: {
    enables:
      'features the site marks as needing it (consent.features) may be used; edgeseg itself sends no data about the visitor anywhere',
    without:
      'those features are left out of the segment computation; nothing else changes, and nothing leaves the device',
  },
};
