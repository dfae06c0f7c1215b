import type { PageViewReport } from '../../src/types/measure';

/** A page-view report as the beacon sends it (for beacon and collector tests). */
export const pageViewReport = (id: string, extra: object = {}): PageViewReport => ({
  id,
  type: 'page_view',
  hour: '2026-12-02T04',
  device: 'desktop',
  bundleVersion: 3,
  segment: 'shopper',
  arms: [{ experiment: 'hero-test', arm: 'personalized', exposed: true }],
  goals: [{ goal: 'purchase', converted: true, count: 1, value: 12.5 }],
  ...extra,
});
