import { describe, expect, it } from 'vitest';
import { configFingerprint } from '../config/fingerprint';
import { parseConfig } from '../config/parse-config';
import { edgesegError } from '../lib/errors';
import { ownData } from '../lib/own';
import type { ChunkLoader } from '../chunks/loader-contract';
import type { ConfigChunk, ParsedConfig } from '../chunks/config-contract';
import { readConfig } from './read-config';

/** A config chunk the test releases by hand (`arrive`) or fails (`fail`). */
function heldChunk(chunk: ConfigChunk = { parse: parseConfig, suggest: () => '' }) {
  let arrive!: () => void;
  let fail!: () => void;
  const loaded = new Promise<ConfigChunk>((resolve, reject) => {
    arrive = () => resolve(chunk);
    fail = () => reject(new Error('offline'));
  });
  return { load: (() => loaded) as unknown as ChunkLoader, arrive: () => arrive(), fail: () => fail() };
}

function read(input: object, remembered: string | null, load: ChunkLoader) {
  const heard: { parsed: ParsedConfig; print: string | null }[] = [];
  readConfig(input, {
    load,
    warn: () => {},
    guard: (run) => run(),
    remembered: () => remembered,
    done: (parsed, print) => heard.push({ parsed, print }),
  });
  return heard;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const CONFIG = { bundle: '/b.json', consent: { mode: 'opt-out' }, hideTimeout: 200 };

describe('readConfig', () => {
  it('a config not seen before waits for the validator', async () => {
    const chunk = heldChunk();
    const heard = read(CONFIG, null, chunk.load);
    await settle();
    expect(heard).toEqual([]);
    chunk.arrive();
    await settle();
    expect(heard).toHaveLength(1);
    expect(heard[0]?.parsed).toMatchObject({ ok: true, config: { hideTimeout: 200, storage: 'indexeddb' } });
    expect(heard[0]?.print).toBe(configFingerprint(ownData(CONFIG)));
  });

  it('the remembered config starts in a microtask, with the same defaults the validator gives; its later agreement is silent', async () => {
    const chunk = heldChunk();
    const heard = read(CONFIG, configFingerprint(ownData(CONFIG)), chunk.load);
    expect(heard).toEqual([]);
    await Promise.resolve();
    expect(heard).toHaveLength(1);
    const validated = parseConfig(CONFIG);
    expect(heard[0]?.parsed).toEqual(validated);
    chunk.arrive();
    await settle();
    expect(heard).toHaveLength(1);
  });

  it('a remembered config the validator refuses is reported after the start; an unreachable validator is not', async () => {
    const refusing = heldChunk({
      parse: () => ({ ok: false, error: edgesegError('config_invalid', 'edgeseg: invalid config: hideTimeout') }),
      suggest: () => '',
    });
    const heard = read(CONFIG, configFingerprint(ownData(CONFIG)), refusing.load);
    refusing.arrive();
    await settle();
    expect(heard.map((h) => h.parsed.ok)).toEqual([true, false]);
    const offline = heldChunk();
    const alone = read(CONFIG, configFingerprint(ownData(CONFIG)), offline.load);
    offline.fail();
    await settle();
    expect(alone.map((h) => h.parsed.ok)).toEqual([true]);
    // Not remembered: without the validator nothing starts.
    const unknown = heldChunk();
    const refused = read(CONFIG, 'dev:1:other', unknown.load);
    unknown.fail();
    await settle();
    expect(refused.map((h) => !h.parsed.ok && h.parsed.error.code)).toEqual(['config_unavailable']);
  });

  it('the fingerprint names the input and the SDK version: another value, key or version gives another', () => {
    const print = configFingerprint(ownData(CONFIG));
    expect(print).toMatch(/^dev:\d+:[0-9a-z]+$/);
    expect(configFingerprint(ownData({ ...CONFIG, hideTimeout: 201 }))).not.toBe(print);
    expect(configFingerprint(ownData({ ...CONFIG, debug: false }))).not.toBe(print);
    // What JSON would drop or write as null still counts: such an input is never taken for the valid one.
    expect(configFingerprint(ownData({ ...CONFIG, debug: () => true }))).not.toBe(print);
    expect(configFingerprint(ownData({ ...CONFIG, debug: undefined }))).not.toBe(print);
    expect(configFingerprint(ownData({ ...CONFIG, hideTimeout: NaN }))).not.toBe(
      configFingerprint(ownData({ ...CONFIG, hideTimeout: null })),
    );
    expect(configFingerprint({ big: 1n })).toMatch(/^dev:/);
    expect(
      configFingerprint({
        toJSON() {
          throw new Error('hostile');
        },
      }),
    ).toBeNull();
  });
});
