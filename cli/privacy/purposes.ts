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
      "telling the site's own analytics (on('exposure'|'conversion') callbacks, Google Tag Manager's dataLayer) which version of a page section the visitor saw and whether a goal (such as an add to cart) followed, and, when the site configures a collector, sending anonymous page-view reports to it: no visitor identifier, no URL, no raw events (see requests: beacon); features the site marks as needing measurement (consent.features) may be used",
    without:
      'nothing leaves the device and nothing is queued to leave later; experiments still run on the device, and those features are left out of the segment computation',
  },
};
