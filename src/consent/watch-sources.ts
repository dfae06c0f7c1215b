import type { ConsentConfig } from '../types/config';
import { combineOpinions } from './combine';
import { parseSources } from '../config/sources-schema';
import { edgesegError, type EdgesegError } from '../lib/errors';
import type { ConsentSource, Opinion } from './sources/source';
import type { Clock } from '../lib/platform';

/** Called with the sources' combined opinion and the name of the source that changed it. */
export type SourcesListener = (opinion: Opinion, source: string) => void;

/** Which sources run: those configured, plus (with `detect`) those found on the page. */
export function pickSources(all: readonly ConsentSource[], win: Window, config: ConsentConfig): ConsentSource[] {
  const configured = config.sources as Record<string, unknown>;
  return all.filter((source) => {
    if (source.name === 'gpc') return config.gpc === 'opt-out';
    if (configured[source.name] !== undefined) return true;
    try {
      return config.detect && source.present(win);
    } catch {
      return false;
    }
  });
}

/**
 * Starts every picked source and combines what they say, conservatively: any denial wins.
 * A source that throws is reported as denying (the safe reading) and `onError` hears why.
 * Invalid `consent.sources`: `config_invalid`, and consent stays pending for good.
 * `clock` (the platform's) is handed to every source; the global one when absent.
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
    listener({ personalization: 'pending', measurement: 'pending' }, 'config');
    return () => {};
  }
  config = { ...config, sources: parsed.sources };
  const opinions = new Map<string, Opinion>();
  const stops: (() => void)[] = [];
  let last = '';
  const report = (name: string, opinion: Opinion): void => {
    opinions.set(name, opinion);
    const combined = combineOpinions([...opinions.values()]);
    const key = JSON.stringify(combined);
    if (key === last) return;
    last = key;
    listener(combined, name);
  };
  for (const source of pickSources(all, win, config)) {
    try {
      stops.push(source.start(win, config, (opinion) => report(source.name, opinion), clock));
    } catch (cause) {
      onError(
        edgesegError(
          'consent_source_failed',
          `edgeseg: the ${source.name} consent source failed (${String(cause)}); it counts as a denial`,
          { cause },
        ),
      );
      report(source.name, { personalization: 'denied', measurement: 'denied' });
    }
  }
  if (last === '') listener(null, 'none');
  return () => stops.forEach((stop) => stop());
}
