import { describe, expect, it } from 'vitest';
import { testClient as createClient } from '../../test/helpers/client';
import { fakePlatform } from '../../test/helpers/fake-platform';
import { createCoreClient } from './client';
import { edgesegError, type EdgesegError } from '../lib/errors';
import { ownData } from '../lib/own';
import { configFingerprint } from '../config/fingerprint';
import { LAST_KEY } from '../decide/last-assignment';
import type { ChunkLoader } from '../chunks/loader-contract';

describe('a client on a hostile page', () => {
  it('a throwing config getter: inert, one config_invalid error, ready and waiting calls settle', async () => {
    const { platform, warnings } = fakePlatform();
    const es = createClient({ platform });
    const errors: EdgesegError[] = [];
    es.on('error', (e) => errors.push(e));
    const choice = es.consent.set({ personalization: true });
    const hostile = Object.defineProperty({}, 'bundle', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    await es.init(hostile);
    await choice;
    expect(errors.map((e) => e.code)).toEqual(['config_invalid']);
    expect(warnings).toHaveLength(1);
    expect(es.consent.get()).toEqual({ personalization: 'pending', measurement: 'pending' });
    expect(await es.segment()).toMatchObject({ id: null });
    expect(await es.personalize('hero', { reader: 'r', default: 'd' })).toBe('d');
  });

  it('a failure while starting leaves nothing half-started: inert, reported as internal, ready settles', async () => {
    const { platform } = fakePlatform();
    Object.defineProperty(platform, 'window', {
      get() {
        throw new Error('window broken');
      },
    });
    const es = createClient({ platform });
    const errors: EdgesegError[] = [];
    es.on('error', (e) => errors.push(e));
    await es.init({});
    expect(errors.map((e) => e.code)).toEqual(['internal']);
    es.track('after');
    expect((await es.exportData()).events).toEqual([]);
  });

  it('calls before init are bounded like the pending buffer: the newest are kept', async () => {
    const { platform } = fakePlatform();
    const es = createClient({ platform });
    for (let i = 0; i < 2000; i++) es.track('early', { i });
    await es.init({ maxPendingEvents: 10_000, autoPage: false });
    const events = (await es.exportData()).events;
    expect(events).toHaveLength(500);
    expect(events[0]?.props).toEqual({ i: 1500 });
  });

  it('the config chunk cannot be loaded: inert, one config_unavailable error, nothing else loaded, calls settle', async () => {
    const { platform } = fakePlatform();
    const asked: string[] = [];
    const es = createCoreClient({
      platform,
      load: ((name: string) => {
        asked.push(name);
        return Promise.reject(new Error('offline'));
      }) as never,
    });
    const errors: EdgesegError[] = [];
    es.on('error', (e) => errors.push(e));
    es.track('early');
    await es.init({ bundle: '/b.json', consent: { mode: 'opt-out' } });
    expect(errors.map((e) => e.code)).toEqual(['config_unavailable']);
    expect(asked).toEqual(['config']);
    expect(await es.personalize('hero', { reader: 'r', default: 'd' })).toBe('d');
    expect((await es.exportData()).events).toEqual([]);
    es.destroy();
  });

  it('reads the config when init is called: a change to the object while the config chunk loads does not count', async () => {
    const { platform } = fakePlatform();
    const es = createClient({ platform });
    const errors: EdgesegError[] = [];
    es.on('error', (e) => errors.push(e));
    const config: Record<string, unknown> = { storage: 'memory', autoPage: false };
    const ready = es.init(config);
    config['storage'] = 'nowhere';
    await ready;
    expect(errors).toEqual([]);
    expect((await es.exportData()).storage).not.toBe('nowhere');
  });

  it('a returning visitor is shown the remembered decision before the validator answers; if it then refuses the config, the default is back', async () => {
    document.body.innerHTML = `<div data-edgeseg-slot="hero"><p id="d">default</p><template data-edgeseg-variant="reader"><p id="r">reader</p></template></div>`;
    const { platform, storage } = fakePlatform();
    const config = { bundle: '/b.json', consent: { mode: 'opt-out' as const }, autoPage: false };
    storage.set(LAST_KEY, JSON.stringify(['reader', 'Reader', 0.9, 1, null, configFingerprint(ownData(config))]));
    let refuse!: () => void;
    const validator = new Promise((resolve) => {
      refuse = () =>
        resolve({
          parse: () => ({ ok: false, error: edgesegError('config_invalid', 'edgeseg: invalid config') }),
          suggest: () => '',
        });
    });
    // Every other chunk never arrives: the remembered decision needs none of them.
    const load = ((name: string) => (name === 'config' ? validator : new Promise(() => {}))) as unknown as ChunkLoader;
    const es = createCoreClient({ platform, load });
    const errors: EdgesegError[] = [];
    es.on('error', (e) => errors.push(e));
    void es.init(config);
    await Promise.resolve();
    expect(document.querySelector('#r')).not.toBeNull();
    refuse();
    await es.ready;
    expect(document.querySelector('#r')).toBeNull();
    expect(document.querySelector('#d')).not.toBeNull();
    // (The bundle cannot be fetched here either: no fetch on this platform.)
    expect(errors.map((e) => e.code)).toContain('config_invalid');
    document.body.innerHTML = '';
  });

  it('calls made right after init (the stub queue replayed) still come before a remembered start: a revoke shows no variant', async () => {
    document.body.innerHTML = `<div data-edgeseg-slot="hero"><p id="d">default</p><template data-edgeseg-variant="reader"><p id="r">reader</p></template></div>`;
    const { platform, storage } = fakePlatform();
    const config = { bundle: '/b.json', consent: { mode: 'opt-out' as const }, autoPage: false };
    storage.set(LAST_KEY, JSON.stringify(['reader', 'Reader', 0.9, 1, null, configFingerprint(ownData(config))]));
    const load = (() => new Promise(() => {})) as unknown as ChunkLoader;
    const es = createCoreClient({ platform, load });
    // Every node ever inserted, even one removed again at once (a flash of the variant).
    const inserted: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records) r.addedNodes.forEach((n) => inserted.push((n as Element).id ?? ''));
    });
    observer.observe(document.body, { childList: true, subtree: true });
    void es.init(config);
    void es.consent.revoke();
    await Promise.resolve();
    await Promise.resolve();
    for (const r of observer.takeRecords()) r.addedNodes.forEach((n) => inserted.push((n as Element).id ?? ''));
    observer.disconnect();
    expect(es.consent.get().personalization).toBe('denied');
    expect(inserted).not.toContain('r');
    expect(document.querySelector('#r')).toBeNull();
    expect(storage.has(LAST_KEY)).toBe(false);
    es.destroy();
    document.body.innerHTML = '';
  });
});
