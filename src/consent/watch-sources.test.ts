import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import consentChunk from '../chunks/consent';
import { parseConfig } from '../config/parse-config';
import { fakePlatform } from '../../test/helpers/fake-platform';
import type { ConsentState } from '../types/consent';

/** The consent config of `consent`, with GPC ignored so only the named source runs. */
function consentConfig(consent: object) {
  const parsed = parseConfig({ consent: { gpc: 'ignore', detect: false, ...consent } });
  if (!parsed.ok) throw parsed.error;
  return parsed.config.consent;
}

/** Starts the consent chunk on a bare window object; returns what the listener heard. */
function watch(win: object, consent: object) {
  const fake = fakePlatform();
  const heard: (Partial<ConsentState> | null)[] = [];
  const stop = consentChunk.watch(
    win as Window,
    consentConfig(consent),
    (opinion) => heard.push(opinion),
    (error) => {
      throw error;
    },
    fake.platform,
  );
  return { fake, heard, stop, last: () => heard.at(-1)?.personalization };
}

beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => void vi.useRealTimers());

describe("the consent chunk on the platform's clock", () => {
  const waiting = { personalization_storage: 'granted', analytics_storage: 'granted', wait_for_update: 500 };

  it("Consent Mode's wait_for_update is measured on the injected clock", () => {
    const win = { dataLayer: [['consent', 'default', waiting]] };
    const w = watch(win, { sources: { consentMode: {} } });
    expect(w.last()).toBe('pending');
    // The platform's clock passes the wait; any later push re-reads the state at that time.
    w.fake.clock.t += 500;
    win.dataLayer.push(['event', 'page']);
    expect(w.last()).toBe('granted');
    w.stop();
  });

  it('and ends on the injected timers: without an update, the default applies once the wait is over', async () => {
    const w = watch({ dataLayer: [['consent', 'default', waiting]] }, { sources: { consentMode: {} } });
    expect(w.fake.delays).toEqual([501]);
    w.fake.clock.t += 501;
    await vi.advanceTimersByTimeAsync(500);
    expect(w.last()).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(w.last()).toBe('granted');
    w.stop();
  });

  it('a consent manager that loads late is looked for on the injected timers, which stop() clears', async () => {
    const win: { klaro?: object } = {};
    const w = watch(win, { sources: { klaro: {} } });
    expect(w.last()).toBe('pending');
    expect(w.fake.delays).toEqual([100]);
    await vi.advanceTimersByTimeAsync(100);
    expect(w.fake.delays).toEqual([100, 100]);
    const manager = { consents: { edgeseg: true }, confirmed: true, watch() {}, unwatch() {} };
    win.klaro = { getManager: () => manager };
    await vi.advanceTimersByTimeAsync(100);
    expect(w.last()).toBe('granted');
    // Found: no further look is scheduled.
    expect(w.fake.delays).toEqual([100, 100]);
    expect(vi.getTimerCount()).toBe(0);

    const absent = watch({}, { sources: { klaro: {} } });
    expect(vi.getTimerCount()).toBe(1);
    absent.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops looking after 100 tries (10 s)', async () => {
    const w = watch({}, { sources: { klaro: {} } });
    await vi.advanceTimersByTimeAsync(100 * 100);
    expect(w.fake.delays).toHaveLength(100);
    expect(vi.getTimerCount()).toBe(0);
    expect(w.last()).toBe('pending');
  });
});

describe('a configured consent manager that has not answered', () => {
  it('is pending, not absent: GPC speaking first with no opinion lets nothing through', () => {
    // Klaro configured but not on the page (yet); GPC runs (not sent) and reports at once.
    const w = watch({ navigator: {} }, { gpc: 'opt-out', sources: { klaro: {} } });
    expect(w.heard).toEqual([{ personalization: 'pending', measurement: 'pending' }]);
    w.stop();
  });
});
