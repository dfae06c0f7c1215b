import type { ConsentConfig } from '../types/config';
import { combineOpinions } from './combine';
import { parseSources } from '../config/sources-schema';
import { edgesegError, type EdgesegError } from '../lib/errors';
import { own } from '../lib/own';
import type { Clock } from '../lib/platform';
import type { ConsentSource, Opinion } from './sources/source';

/**
 * Called with the sources' combined opinion, the name of the source that changed it, and
 * whether that source had answered before on this page (its first answer is the state it
 * stored; a later one is a choice made now).
 */
export type SourcesListener = (opinion: Opinion, source: string, again: boolean) => void;

/** Which sources run: those configured, plus (with `detect`) those found on the page. */
export function pickSources(all: readonly ConsentSource[], win: Window, config: ConsentConfig): ConsentSource[] {
  return all.filter((source) => {
    if (source.name === 'gpc') return config.gpc === 'opt-out';
    if (own(config.sources, source.name) !== undefined) return true;
    try {
      return config.detect && source.present(win);
    } catch {
      return false;
    }
  });
}

/**
 * Starts every picked source and combines what they say, conservatively: any denial wins.
 * A source that throws (at start, or later: a late consent manager whose API throws, a
 * throw in its callback) counts as denying from then on (the safe reading), and `onError`
 * hears why, once per source (`consent_source_failed`).
 * `clock` (the platform's) is handed to every source; the global one when absent.
 * Invalid `consent.sources`: `config_invalid`, and consent stays pending for good.
 */
export function watchSources(
  all: readonly ConsentSource[],
  win: Window,
  config: ConsentConfig,
  listener: SourcesListener,
  onError: (error: EdgesegError) => void,
  clock?: Clock,
): () => void {
  const parsed = parseSources(config.sources);
  if (!parsed.ok) {
    onError(parsed.error);
    listener({ personalization: 'pending', measurement: 'pending' }, 'config', false);
    return () => {};
  }
  config = { ...config, sources: parsed.sources };
  const opinions = new Map<string, Opinion>();
  const stops: (() => void)[] = [];
  let last = '';
  const spoken = new Set<string>();
  const report = (name: string, opinion: Opinion): void => {
    const again = spoken.has(name);
    spoken.add(name);
    opinions.set(name, opinion);
    const combined = combineOpinions([...opinions.values()]);
    const key = JSON.stringify(combined);
    if (key === last) return;
    last = key;
    listener(combined, name, again);
  };
  const failed = new Set<string>();
  // A failed source is reported once and stays a denial for this page: whatever it says
  // after failing (half-attached, mid-way through a callback) is not trusted.
  const fail = (name: string, cause: unknown): void => {
    if (failed.has(name)) return;
    onError(
      edgesegError(
        'consent_source_failed',
        `edgeseg: the ${name} consent source failed (${String(cause)}); it counts as a denial`,
        { cause },
      ),
    );
    report(name, { personalization: 'denied', measurement: 'denied' });
    failed.add(name);
  };
  const picked = pickSources(all, win, config);
  // A consent manager that has not answered yet is pending, not absent: otherwise the first
  // source to speak (GPC, at once, with no opinion) would let a remembered grant or opt-out
  // through, open the store, and the late manager's answer would then wipe it on every page.
  for (const { name } of picked)
    if (name !== 'gpc') opinions.set(name, { personalization: 'pending', measurement: 'pending' });
  for (const { name, start } of picked) {
    const onFail = (cause: unknown): void => fail(name, cause);
    try {
      stops.push(start(win, config, (opinion) => failed.has(name) || report(name, opinion), onFail, clock));
    } catch (cause) {
      onFail(cause);
    }
  }
  if (last === '') listener(combineOpinions([...opinions.values()]), 'none', false);
  return () =>
    stops.forEach((stop) => {
      try {
        stop();
      } catch {
        /* a consent manager that throws on removeEventListener: we stop listening anyway */
      }
    });
}
