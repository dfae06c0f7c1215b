import type { PropValue } from '../types/event';

type NavigatorUA = Navigator & { userAgentData?: { mobile?: boolean } };

/**
 * `mobile`, `tablet` or `desktop`, from the client hint where there is one, else the
 * pointer and the screen's short side. Never the user agent string (a fingerprinting vector).
 */
export function deviceClass(win: Window): string {
  if ((win.navigator as NavigatorUA).userAgentData?.mobile) return 'mobile';
  const coarse = win.matchMedia?.('(pointer: coarse)').matches;
  if (!coarse) return 'desktop';
  return Math.min(win.screen?.width ?? 0, win.screen?.height ?? 0) >= 600 ? 'tablet' : 'mobile';
}

type TemporalNow = { Now?: { timeZoneId?(): string } };

/**
 * The device's IANA time zone (`Europe/Berlin`). Temporal's where the browser has it: under
 * 1 ms. Else Intl's: the first `DateTimeFormat` of a page initialises ICU's locale data,
 * 40–60 ms of main thread in Chromium on every page load, measured (docs/performance.md).
 */
export function timeZone(win: Window): string | undefined {
  const temporal = (win as { Temporal?: TemporalNow }).Temporal;
  return temporal?.Now?.timeZoneId?.() ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The context of a visit, on the first page view of a load: local hour and weekday,
 * device class, browser language and time zone. Coarse on purpose: no screen size, no
 * user agent, no IP.
 */
export function contextProps(win: Window, now: number): Record<string, PropValue> {
  const date = new Date(now);
  const props: Record<string, PropValue> = { hour: date.getHours(), weekday: date.getDay(), device: deviceClass(win) };
  const lang = win.navigator.language;
  if (lang) props['lang'] = lang.slice(0, 35);
  try {
    const tz = timeZone(win);
    if (tz) props['tz'] = tz.slice(0, 64);
  } catch {
    // No time zone support (or a broken Temporal): the time zone stays unknown.
  }
  return props;
}
