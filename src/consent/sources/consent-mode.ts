import { own } from '../../lib/own';
import { systemClock } from '../../lib/platform';
import { byMapping, everyPurpose, guarded, type ConsentSource, type Opinion } from './source';
import { DEFAULT_MAPPINGS } from './default-mappings';

/** Default mapping: the Consent Mode v2 types each purpose needs (all of them). */
const MAPPING = DEFAULT_MAPPINGS.consentMode;

type Signals = Record<string, unknown>;

/** Follows `consent` commands in the order they reach `dataLayer`. */
export class ConsentModeReader {
  /** By consent type; a Map, so a type polluted into `Object.prototype` is never "set". */
  private _signals = new Map<string, unknown>();
  private _seen = false;
  private _waitUntil = 0;

  constructor(
    private _mapping: { personalization?: string[] | undefined; measurement?: string[] | undefined } = MAPPING,
  ) {}

  /**
   * Reads one `dataLayer` entry (a gtag `arguments` object or an array). Returns the
   * milliseconds to wait for an update when a `default` asks for one (`wait_for_update`).
   */
  read(entry: unknown, now: number): number {
    // Own properties only: the page's dataLayer entries, not what Object.prototype was given.
    if (own(entry, 0) !== 'consent') return 0;
    const command = own(entry, 1);
    const params = own(entry, 2) as Signals | undefined;
    if (!params || typeof params !== 'object' || (command !== 'default' && command !== 'update')) return 0;
    this._seen = true;
    const regional = command === 'default' && own(params, 'region') !== undefined;
    for (const [key, value] of Object.entries(params)) {
      // A default scoped to regions we cannot place the visitor in counts only when it denies.
      if (value === 'granted' || value === 'denied') if (!regional || value === 'denied') this._signals.set(key, value);
    }
    if (command === 'update') this._waitUntil = 0;
    const wait = Number(own(params, 'wait_for_update'));
    if (command === 'default' && wait > 0) {
      this._waitUntil = now + wait;
      return wait;
    }
    return 0;
  }

  /**
   * Pending while a `default` waits for its update. A purpose none of whose types was
   * ever set gets no opinion (many sites set only the advertising types); among types
   * that were set, one never set counts as not granted.
   */
  opinion(now: number): Opinion {
    if (!this._seen) return null;
    if (now < this._waitUntil) return everyPurpose('pending');
    const mapping = {
      personalization: this._mapping.personalization ?? MAPPING.personalization,
      measurement: this._mapping.measurement ?? MAPPING.measurement,
    };
    for (const purpose of ['personalization', 'measurement'] as const)
      if (!mapping[purpose].some((key) => this._signals.has(key))) delete (mapping as Partial<typeof mapping>)[purpose];
    const opinion = byMapping(mapping, (key) => this._signals.get(String(key)) === 'granted');
    return Object.keys(opinion).length ? opinion : null;
  }
}

/** Google Consent Mode v2 from `consent` `default`/`update` commands in `dataLayer`. */
export const consentModeSource: ConsentSource = {
  name: 'consentMode',
  // The page's own `dataLayer` only: an array polluted into Object.prototype is not one.
  present: (win) => Array.isArray(own(win, 'dataLayer')),
  start(win, config, report, fail, clock = systemClock) {
    const w = win as unknown as { dataLayer?: unknown[] };
    const existing = own(win, 'dataLayer');
    const layer = (w.dataLayer = Array.isArray(existing) ? existing : []);
    const reader = new ConsentModeReader(config.sources.consentMode);
    const timers: unknown[] = [];
    const consume = (entry: unknown): void => {
      const wait = reader.read(entry, clock.now());
      if (wait > 0) timers.push(clock.setTimeout(() => report(reader.opinion(clock.now())), wait + 1));
    };
    layer.forEach(consume);
    report(reader.opinion(clock.now()));
    // gtag() pushes; so does Google Tag Manager's own wrapper, which calls the push it found.
    const original = layer.push;
    layer.push = function (this: unknown[], ...entries: unknown[]): number {
      const length = original.apply(this, entries);
      // Never break the page's dataLayer: a failure to read an entry is ours to report.
      guarded(() => {
        entries.forEach(consume);
        report(reader.opinion(clock.now()));
      }, fail)();
      return length;
    };
    return () => {
      timers.forEach((timer) => clock.clearTimeout(timer));
      if (layer.push !== original) layer.push = original;
    };
  },
};
