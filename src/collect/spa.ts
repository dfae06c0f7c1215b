import { systemClock, type Timers } from '../lib/platform';

/** Milliseconds after a navigation before the page view is read: frameworks render the new route's meta tags first. */
export const SPA_SETTLE_MS = 50;

interface NavigationLike extends EventTarget {
  currentEntry?: unknown;
}

/**
 * Calls `onNavigate` after each same-document navigation that changes the path: the
 * Navigation API's `currententrychange` where the browser has it (it covers
 * `pushState`, `replaceState` and back/forward), else wrapped `history.pushState` /
 * `replaceState` and `popstate`. Query and hash changes alone are not page views.
 * The settle delay runs on `timers` (the platform's). Returns a function that undoes it all.
 */
export function watchNavigation(win: Window, onNavigate: () => void, timers: Timers = systemClock): () => void {
  let path = win.location.pathname;
  let timer: unknown = null;
  const changed = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = null;
      if (win.location.pathname === path) return;
      path = win.location.pathname;
      onNavigate();
    }, SPA_SETTLE_MS);
  };
  const stopTimer = () => timer !== null && timers.clearTimeout(timer);
  const navigation = (win as Window & { navigation?: NavigationLike }).navigation;
  if (navigation && typeof navigation.addEventListener === 'function' && 'currentEntry' in navigation) {
    navigation.addEventListener('currententrychange', changed);
    return () => {
      stopTimer();
      navigation.removeEventListener('currententrychange', changed);
    };
  }
  const history = win.history;
  const originals = { pushState: history.pushState, replaceState: history.replaceState };
  const wrapped = {} as typeof originals;
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = originals[name];
    wrapped[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      changed();
      return result;
    };
    history[name] = wrapped[name];
  }
  win.addEventListener('popstate', changed);
  return () => {
    stopTimer();
    win.removeEventListener('popstate', changed);
    // Another script may have wrapped ours since: then unwrapping would drop its wrapper.
    for (const name of ['pushState', 'replaceState'] as const)
      if (history[name] === wrapped[name]) history[name] = originals[name];
  };
}
