import { onCLS, onINP, onLCP, type Metric } from 'web-vitals';
import type { PageViewReport } from '../types/measure';

/** The page load's web vitals as they are reported (LCP and INP in ms rounded, CLS to 4 decimals). */
export type Vitals = NonNullable<PageViewReport['vitals']>;

/**
 * Starts web-vitals' LCP, CLS and INP observers for this load and keeps their latest
 * values. Started before the beacon listens to `visibilitychange`, so the final CLS and
 * INP (reported when the page is hidden) are in before the report is closed.
 */
export function watchVitals(): Vitals {
  const vitals: Vitals = {};
  const keep = (name: 'lcp' | 'cls' | 'inp') => (m: Metric) => {
    vitals[name] = name === 'cls' ? Math.round(m.value * 10_000) / 10_000 : Math.round(m.value);
  };
  try {
    onLCP(keep('lcp'));
    onCLS(keep('cls'));
    onINP(keep('inp'));
  } catch {
    /* unsupported (no PerformanceObserver): reports carry no vitals */
  }
  return vitals;
}
