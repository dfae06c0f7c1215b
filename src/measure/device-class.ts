import type { DeviceClass } from '../types/measure';

/** The coarse device class from the viewport width (no user-agent string leaves the device). */
export function deviceClass(win: Window | null): DeviceClass {
  const width = win?.innerWidth;
  if (!width) return 'unknown';
  return width < 768 ? 'mobile' : width < 1100 ? 'tablet' : 'desktop';
}

/** The UTC hour `t` falls in, as `YYYY-MM-DDTHH`: coarse enough that a report's time says little about one visit. */
export const hourBucket = (t: number): string => new Date(t).toISOString().slice(0, 13);
