import { describe, expect, it } from 'vitest';
import { configFromScript } from './from-script';
import { parseConfig } from './parse-config';
import { chunkBase } from './chunk-base';
import { polluted } from '../../test/helpers/pollute';

describe('parseConfig', () => {
  it('applies defaults', () => {
    const result = parseConfig({ bundle: '/b.json' });
    expect(result).toMatchObject({
      ok: true,
      config: { bundle: '/b.json', bundleTimeout: 3000, consent: { mode: 'opt-in' }, hideTimeout: 300 },
    });
  });

  it('reads the guardrail: defaults, a partial setting, false, and refuses anything else', () => {
    expect(parseConfig({})).toMatchObject({ ok: true, config: { guardrail: { cls: 0.1, days: 30 } } });
    expect(parseConfig({ guardrail: { cls: 0.25 } })).toMatchObject({ config: { guardrail: { cls: 0.25, days: 30 } } });
    expect(parseConfig({ guardrail: false })).toMatchObject({ ok: true, config: { guardrail: false } });
    for (const bad of [true, { cls: -1 }, { days: '7' }, { cls: 0.1, limit: 2 }, [], null])
      expect(parseConfig({ guardrail: bad })).toMatchObject({ ok: false, error: { path: 'guardrail' } });
  });

  it('names the field and the reason', () => {
    const result = parseConfig({ hideTimeout: 'soon' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('config_invalid');
      expect(result.error.path).toBe('hideTimeout');
      expect(result.error.message).toContain('hideTimeout: expected number');
    }
  });

  it('says a count must be a whole number', () => {
    const result = parseConfig({ maxPendingEvents: 2.5, retention: { maxEvents: 3 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'config_invalid', path: 'maxPendingEvents' } });
    if (!result.ok) expect(result.error.message).toContain('maxPendingEvents: must be a whole number');
    expect(parseConfig({ consent: { receipts: 1.5 } })).toMatchObject({
      ok: false,
      error: { path: 'consent.receipts' },
    });
  });

  it('catches typos as unknown keys and enum mistakes', () => {
    const result = parseConfig({ bundel: '/b.json', consent: { mode: 'maybe' } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('unknown key bundel');
      expect(result.error.message).toContain('consent.mode: must be one of "opt-in", "opt-out"');
    }
  });
});

describe('configFromScript', () => {
  it('reads known data attributes with their types and ignores the rest', () => {
    const script = document.createElement('script');
    script.setAttribute('data-bundle', '/seg.json');
    script.setAttribute('data-bundle-timeout', '1200');
    script.setAttribute('data-debug', '');
    script.setAttribute('data-consent-mode', 'opt-out');
    script.setAttribute('data-cfasync', 'false');
    expect(configFromScript(script)).toEqual({
      bundle: '/seg.json',
      bundleTimeout: 1200,
      debug: true,
      consent: { mode: 'opt-out' },
    });
  });

  it('leaves a non-number as a string so validation names the attribute', () => {
    const script = document.createElement('script');
    script.setAttribute('data-hide-timeout', 'fast');
    const result = parseConfig(configFromScript(script));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.path).toBe('hideTimeout');
  });
});

describe('frequencyCaps', () => {
  it('accepts per-variant session and day limits and refuses anything else', () => {
    expect(parseConfig({ frequencyCaps: { sale: { session: 2, day: 5 } } }).ok).toBe(true);
    for (const bad of [{ sale: { session: 0 } }, { sale: { day: 1.5 } }, { sale: 3 }, { sale: null }]) {
      const result = parseConfig({ frequencyCaps: bad });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'config_invalid', path: 'frequencyCaps' });
    }
  });
});

describe('consent.features', () => {
  it('accepts purposes by feature name and refuses anything else, naming the field', () => {
    expect(parseConfig({ consent: { features: { trait: ['measurement'] } } }).ok).toBe(true);
    for (const bad of [{ trait: 'measurement' }, { trait: ['ads'] }]) {
      const result = parseConfig({ consent: { features: bad } });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'config_invalid', path: 'consent.features' });
    }
  });
});

describe('parseConfig: retention', () => {
  it('defaults to 500 raw events for 30 days and merges a partial retention', () => {
    const a = parseConfig({});
    const b = parseConfig({ retention: { maxEvents: 50 } });
    expect(a.ok && a.config.retention).toEqual({ maxEvents: 500, maxAgeDays: 30, profileDays: 395, bundleDays: 30 });
    expect(b.ok && b.config.retention).toEqual({ maxEvents: 50, maxAgeDays: 30, profileDays: 395, bundleDays: 30 });
  });
  it('refuses bad values with the field named', () => {
    const r = parseConfig({ retention: { maxEvents: -1 } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.path).toBe('retention.maxEvents');
    expect(parseConfig({ retention: { maxAgeDays: 1, other: 1 } }).ok).toBe(false);
  });
});

describe('parseConfig: collect', () => {
  it('defaults every collector on; the older switches turn theirs off; unknown keys are refused', () => {
    const on = parseConfig({});
    expect(on.ok && on.config.collect).toMatchObject({
      pageViews: true,
      clicks: true,
      scroll: true,
      idleTimeout: 30,
      affinityHalfLife: 30,
    });
    const old = parseConfig({ autoPage: false, trackClicks: false, collect: { scroll: false } });
    expect(old.ok && old.config.collect).toMatchObject({
      pageViews: false,
      clicks: false,
      scroll: false,
      engagement: true,
    });
    const bad = parseConfig({ collect: { scrol: false } });
    expect(bad.ok).toBe(false);
  });
});

describe('a polluted Object.prototype is not config', () => {
  const evil = { bundle: 'https://evil.example/b.json', chunkBase: 'https://evil.example/', requireSignature: false };

  it('is neither validated in nor read out of the parsed config, enumerable or not', () => {
    for (const enumerable of [false, true]) {
      const result = polluted(evil, () => parseConfig({ consent: { mode: 'opt-out' } }), enumerable);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      // Read while still polluted: a key the page did not set must not fall through to the prototype.
      polluted(evil, () => {
        expect(result.config.bundle).toBeUndefined();
        expect(result.config.chunkBase).toBeUndefined();
        expect(result.config.requireSignature).toBeUndefined();
        expect((result.config.consent as { version?: string }).version).toBeUndefined();
      });
    }
  });

  it('a missing data-* attribute does not read through dataset to the prototype', () => {
    const script = document.createElement('script');
    script.setAttribute('data-debug', '');
    expect(polluted(evil, () => configFromScript(script))).toEqual({ debug: true });
  });
});

describe('chunkBase', () => {
  const src = 'https://cdn.shop.example/js/edgeseg.iife.js';
  const page = 'https://shop.example/p/lamp';

  it('is beside the script by default, and anywhere the script tag itself says', () => {
    expect(chunkBase(src, page, null, {})).toEqual({ ok: true, href: src });
    expect(chunkBase('', page, null, {})).toEqual({ ok: true, href: page });
    expect(chunkBase(src, page, 'https://static.other.example/es/', { chunkBase: 'https://x.example/' })).toEqual({
      ok: true,
      href: 'https://static.other.example/es/',
    });
  });

  it("from edgesegConfig or init(), only on the script's origin; another origin is config_invalid", () => {
    expect(chunkBase(src, page, null, { chunkBase: '/v2/' })).toMatchObject({ ok: false });
    expect(chunkBase(src, page, null, { chunkBase: 'https://cdn.shop.example/v2/' })).toEqual({
      ok: true,
      href: 'https://cdn.shop.example/v2/',
    });
    expect(chunkBase('https://shop.example/edgeseg.iife.js', page, null, { chunkBase: '/v2/' })).toEqual({
      ok: true,
      href: 'https://shop.example/v2/',
    });
    for (const bad of ['https://evil.example/', '//evil.example/', 'http://[bad', 42])
      expect(chunkBase(src, page, null, { chunkBase: bad })).toMatchObject({
        ok: false,
        error: { code: 'config_invalid', path: 'chunkBase' },
      });
  });

  it("a chunkBase polluted into Object.prototype is not the config's (non-enumerable: spreads do not show it)", () => {
    polluted({ chunkBase: 'https://evil.example/' }, () => {
      const merged = { ...{ bundle: '/b.json' } };
      expect(chunkBase(src, page, null, merged)).toEqual({ ok: true, href: src });
    });
  });
});
