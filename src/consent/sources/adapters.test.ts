import { describe, expect, it } from 'vitest';
import { tcfOpinion, tcfSource } from './tcf';
import { gppOpinion, gppSource } from './gpp';
import { ConsentModeReader, consentModeSource } from './consent-mode';
import { oneTrustOpinion, oneTrustSource } from './onetrust';
import { cookiebotOpinion, cookiebotSource } from './cookiebot';
import { klaroOpinion, klaroSource } from './klaro';
import { parseSources } from '../../config/sources-schema';
import { pickSources } from '../watch-sources';
import { gpcSource } from './gpc';
import { polluted } from '../../../test/helpers/pollute';
import { CONFIG_DEFAULTS } from '../../config/defaults';

const SOURCES = [gpcSource, tcfSource, gppSource, consentModeSource, oneTrustSource, cookiebotSource, klaroSource];

const consents = (ids: number[]) => Object.fromEntries(ids.map((id) => [id, true]));

describe('TCF v2.2', () => {
  it('needs purposes 1, 5 and 6 for personalization, and 1, 8, 9 for measurement', () => {
    expect(tcfOpinion({ eventStatus: 'tcloaded', purpose: { consents: consents([1, 5, 6]) } }, {})).toEqual({
      personalization: 'granted',
      measurement: 'denied',
    });
    expect(tcfOpinion({ eventStatus: 'useractioncomplete', purpose: { consents: consents([1, 5]) } }, {})).toEqual({
      personalization: 'denied',
      measurement: 'denied',
    });
  });
  it('gdprApplies false grants; the banner showing is pending', () => {
    expect(tcfOpinion({ gdprApplies: false }, {})).toEqual({ personalization: 'granted', measurement: 'granted' });
    expect(tcfOpinion({ eventStatus: 'cmpuishown', purpose: { consents: consents([1, 5, 6]) } }, {})).toEqual({
      personalization: 'pending',
      measurement: 'pending',
    });
  });
  it('a vendorId also needs that vendor; publisher reads the publisher purposes', () => {
    const data = {
      eventStatus: 'tcloaded',
      purpose: { consents: consents([1, 5, 6]) },
      vendor: { consents: {} },
      publisher: { consents: consents([1, 5, 6]) },
    };
    expect(tcfOpinion(data, { vendorId: 9 })?.personalization).toBe('denied');
    expect(tcfOpinion({ ...data, vendor: { consents: { 9: true } } }, { vendorId: 9 })?.personalization).toBe(
      'granted',
    );
    expect(tcfOpinion({ ...data, purpose: { consents: {} } }, { publisher: true })?.personalization).toBe('granted');
  });
});

describe('GPP', () => {
  const ready = (applicableSections: number[], parsedSections: Record<string, unknown>) => ({
    signalStatus: 'ready',
    applicableSections,
    parsedSections,
  });
  const euAll = { PurposeConsents: Array.from({ length: 24 }, (_, i) => i < 11), VendorConsents: [755] };
  const pending = { personalization: 'pending', measurement: 'pending' };

  it('US opt-outs deny, none grants, not ready is pending', () => {
    expect(gppOpinion(ready([7], { usnat: { SaleOptOut: 2, TargetedAdvertisingOptOut: 2 } }), {}, undefined)).toEqual({
      personalization: 'granted',
      measurement: 'granted',
    });
    expect(
      gppOpinion(ready([9], { usva: [{ TargetedAdvertisingOptOut: 1 }, { Gpc: false }] }), {}, undefined)
        ?.personalization,
    ).toBe('denied');
    expect(gppOpinion(ready([6], { uspv1: { OptOutSale: 'Y' } }), {}, undefined)?.personalization).toBe('denied');
    expect(gppOpinion({ signalStatus: 'not ready' }, {}, undefined)?.personalization).toBe('pending');
  });
  it('the EU TCF section uses the TCF mapping; any denial across applicable sections wins', () => {
    const tcf = { PurposeConsents: [true, false, false, false, true, true] };
    expect(gppOpinion(ready([2], { tcfeuv2: tcf }), {}, undefined)?.personalization).toBe('granted');
    expect(gppOpinion(ready([2, 7], { tcfeuv2: tcf, usnat: { SaleOptOut: 1 } }), {}, undefined)?.personalization).toBe(
      'denied',
    );
    // A parsed section that does not apply is not read.
    expect(gppOpinion(ready([2], { tcfeuv2: tcf, usnat: { SaleOptOut: 1 } }), {}, undefined)?.personalization).toBe(
      'granted',
    );
    expect(gppOpinion(ready([2], { tcfeuv2: euAll }), {}, { vendorId: 755 })?.personalization).toBe('granted');
    expect(gppOpinion(ready([2], { tcfeuv2: euAll }), {}, { vendorId: 9 })?.personalization).toBe('denied');
  });
  it('only [-1] or [] leave the mode default standing (no opinion); ready without applicableSections is pending', () => {
    expect(gppOpinion(ready([-1], {}), {}, undefined)).toBeNull();
    expect(gppOpinion(ready([], { usnat: { SaleOptOut: 2 } }), {}, undefined)).toBeNull();
    expect(gppOpinion({ signalStatus: 'ready', parsedSections: { usnat: { SaleOptOut: 2 } } }, {}, undefined)).toEqual(
      pending,
    );
  });
  it('an applicable section that is unknown or not parsed is pending, never granted', () => {
    // Section 1 (the deprecated EU TCF v1) and a future id: unknown.
    expect(gppOpinion(ready([1], { tcfeuv1: {} }), {}, undefined)).toEqual(pending);
    expect(gppOpinion(ready([99], {}), {}, undefined)).toEqual(pending);
    // Applicable, missing from parsedSections.
    expect(gppOpinion(ready([5], {}), {}, undefined)).toEqual(pending);
    expect(gppOpinion(ready([7, 8], { usnat: { SaleOptOut: 2 } }), {}, undefined)).toEqual(pending);
    // An unknown section next to a denying one: the denial still wins.
    expect(gppOpinion(ready([99, 7], { usnat: { SaleOptOut: 1 } }), {}, undefined)?.personalization).toBe('denied');
  });
  it("Canada's section counts express consent only", () => {
    const ca = (express: boolean[], implied: boolean[] = []) => ({
      tcfcav1: { PurposesExpressConsent: express, PurposesImpliedConsent: implied, VendorExpressConsent: [] },
    });
    const yes = [true, false, false, false, true, true];
    const no = [true, false, false, false, false, false];
    expect(gppOpinion(ready([5], ca(yes)), {}, undefined)?.personalization).toBe('granted');
    expect(gppOpinion(ready([5], ca(no, yes)), {}, undefined)?.personalization).toBe('denied');
    expect(gppOpinion(ready([5], ca(yes)), {}, { vendorId: 755 })?.personalization).toBe('denied');
  });
  it('gpp.tcf: false never grants on a TCF section: the tcf source speaks for it when configured, else pending', () => {
    expect(gppOpinion(ready([2], { tcfeuv2: euAll }), { tcf: false }, undefined)).toEqual(pending);
    expect(gppOpinion(ready([5], {}), { tcf: false }, undefined)).toEqual(pending);
    expect(gppOpinion(ready([2], { tcfeuv2: euAll }), { tcf: false }, {})).toBeNull();
    expect(gppOpinion(ready([2, 7], { usnat: { SaleOptOut: 1 } }), { tcf: false }, {})?.personalization).toBe('denied');
  });
  it('gpp.us: false: an applicable US section is not read, so it is pending', () => {
    expect(gppOpinion(ready([7], { usnat: { SaleOptOut: 2 } }), { us: false }, undefined)).toEqual(pending);
    expect(gppOpinion(ready([2], { tcfeuv2: euAll }), { us: false }, undefined)?.personalization).toBe('granted');
  });
});

describe('Consent Mode v2', () => {
  it('follows default and update; wait_for_update is pending until then; only advertising types set: no opinion', () => {
    const ads = new ConsentModeReader();
    ads.read(['consent', 'default', { ad_storage: 'denied', ad_user_data: 'denied' }], 0);
    expect(ads.opinion(0)).toBeNull();
    const reader = new ConsentModeReader();
    expect(reader.opinion(0)).toBeNull();
    expect(reader.read(['consent', 'default', { personalization_storage: 'granted', wait_for_update: 500 }], 0)).toBe(
      500,
    );
    expect(reader.opinion(100)?.personalization).toBe('pending');
    // analytics_storage was never set: no opinion on measurement.
    expect(reader.opinion(600)).toEqual({ personalization: 'granted' });
    reader.read(['consent', 'update', { personalization_storage: 'denied', analytics_storage: 'granted' }], 700);
    expect(reader.opinion(700)).toEqual({ personalization: 'denied', measurement: 'granted' });
  });
  it('a region-scoped default only counts when it denies; other commands are ignored; unset types', () => {
    const reader = new ConsentModeReader({ personalization: ['personalization_storage', 'ad_personalization'] });
    reader.read(
      ['consent', 'default', { personalization_storage: 'granted', ad_personalization: 'granted', region: ['US'] }],
      0,
    );
    reader.read(['event', 'page_view'], 0);
    expect(reader.opinion(0)).toBeNull();
    reader.read(['consent', 'update', { personalization_storage: 'granted' }], 0);
    // ad_personalization is mapped but unset while personalization_storage is set: not granted.
    expect(reader.opinion(0)?.personalization).toBe('denied');
    reader.read(['consent', 'update', { personalization_storage: 'granted', ad_personalization: 'granted' }], 0);
    expect(reader.opinion(0)?.personalization).toBe('granted');
  });
});

describe('OneTrust, Cookiebot, Klaro', () => {
  it('OneTrust: mapped groups; an inactive group is pending until the banner is closed', () => {
    expect(oneTrustOpinion({})).toEqual({ personalization: 'pending', measurement: 'pending' });
    expect(oneTrustOpinion({ OptanonActiveGroups: ',C0001,C0003,' })).toEqual({
      personalization: 'granted',
      measurement: 'pending',
    });
    expect(
      oneTrustOpinion({ OptanonActiveGroups: ',C0001,C0003,', OneTrust: { IsAlertBoxClosed: () => true } }),
    ).toEqual({ personalization: 'granted', measurement: 'denied' });
  });
  it('Cookiebot: pending until answered, then its categories', () => {
    expect(
      cookiebotOpinion({ Cookiebot: { consent: { preferences: true }, hasResponse: false } })?.personalization,
    ).toBe('pending');
    expect(cookiebotOpinion({ Cookiebot: { consent: { preferences: true }, hasResponse: true } })).toEqual({
      personalization: 'granted',
      measurement: 'denied',
    });
  });
  it('Klaro: pending until confirmed, then its services', () => {
    const manager = { consents: { edgeseg: true }, confirmed: false, watch() {}, unwatch() {} };
    expect(klaroOpinion(manager)?.personalization).toBe('pending');
    expect(klaroOpinion({ ...manager, confirmed: true }, { measurement: ['matomo'] })).toEqual({
      personalization: 'granted',
      measurement: 'denied',
    });
  });
});

describe('a polluted Object.prototype never reads as consent', () => {
  const yes = { 1: true, 5: true, 6: true, 8: true, 9: true };

  it("TCF: inherited purpose and vendor consents, gdprApplies and eventStatus are not the CMP's", () => {
    polluted(yes, () => {
      expect(tcfOpinion({ eventStatus: 'tcloaded', purpose: { consents: {} } }, {})?.personalization).toBe('denied');
      expect(
        tcfOpinion({ eventStatus: 'tcloaded', purpose: { consents: {} }, vendor: { consents: {} } }, { vendorId: 5 })
          ?.personalization,
      ).toBe('denied');
    });
    polluted({ gdprApplies: false }, () =>
      expect(tcfOpinion({ eventStatus: 'cmpuishown' }, {})?.personalization).toBe('pending'),
    );
    polluted({ eventStatus: 'tcloaded', purpose: { consents: yes } }, () =>
      expect(tcfOpinion({}, {})?.personalization).toBe('pending'),
    );
  });

  it("GPP: inherited sections, fields and status are not the CMP's", () => {
    polluted({ signalStatus: 'ready', applicableSections: [-1] }, () =>
      expect(gppOpinion({}, {}, undefined)?.personalization).toBe('pending'),
    );
    polluted({ usnat: { SaleOptOut: 2 } }, () =>
      expect(
        gppOpinion({ signalStatus: 'ready', applicableSections: [7], parsedSections: {} }, {}, undefined)
          ?.personalization,
      ).toBe('pending'),
    );
    polluted({ PurposeConsents: [true, true, true, true, true, true] }, () =>
      expect(
        gppOpinion({ signalStatus: 'ready', applicableSections: [2], parsedSections: { tcfeuv2: {} } }, {}, undefined)
          ?.personalization,
      ).toBe('denied'),
    );
  });

  it('Consent Mode: a type polluted to "granted" was never set', () => {
    polluted({ personalization_storage: 'granted', analytics_storage: 'granted' }, () => {
      const reader = new ConsentModeReader();
      reader.read(['consent', 'default', { ad_storage: 'denied' }], 0);
      expect(reader.opinion(0)).toBeNull();
    });
    polluted({ 0: 'consent', 1: 'update', 2: { personalization_storage: 'granted' } }, () => {
      const reader = new ConsentModeReader();
      expect(reader.read({ event: 'gtm.js' }, 0)).toBe(0);
      expect(reader.opinion(0)).toBeNull();
    });
  });

  it('Cookiebot, Klaro, OneTrust: inherited categories, services, answers and globals are not theirs', () => {
    polluted({ preferences: true, statistics: true, hasResponse: true }, () => {
      expect(cookiebotOpinion({ Cookiebot: { consent: {}, hasResponse: true } })?.personalization).toBe('denied');
      expect(cookiebotOpinion({ Cookiebot: { consent: { preferences: true } } })?.personalization).toBe('pending');
    });
    polluted({ Cookiebot: { consent: { preferences: true, statistics: true }, hasResponse: true } }, () =>
      expect(cookiebotOpinion({})?.personalization).toBe('pending'),
    );
    polluted({ edgeseg: true, confirmed: true }, () => {
      const watch = { watch() {}, unwatch() {} };
      expect(klaroOpinion({ ...watch, consents: {}, confirmed: true })?.personalization).toBe('denied');
      expect(klaroOpinion({ ...watch, consents: { edgeseg: true } } as never)?.personalization).toBe('pending');
    });
    polluted({ OptanonActiveGroups: ',C0001,C0002,C0003,' }, () =>
      expect(oneTrustOpinion({})).toEqual({ personalization: 'pending', measurement: 'pending' }),
    );
  });

  it('a source polluted into Object.prototype is neither configured nor detected; nor is its mapping', () => {
    const win = { navigator: {} } as unknown as Window;
    polluted({ tcf: {}, gpp: {}, Cookiebot: {}, OneTrust: {}, klaro: {}, dataLayer: [] }, () => {
      // The defaults, with no source configured: only a polluted prototype could add one.
      const config = { ...CONFIG_DEFAULTS.consent, sources: {} };
      expect(pickSources(SOURCES, win, config).map((s) => s.name)).toEqual(['gpc']);
    });
    polluted({ personalization: ['C0002'] }, () => {
      const parsed = parseSources({ onetrust: {} });
      expect(parsed.ok && parsed.sources.onetrust?.personalization).toBeUndefined();
    });
  });
});

describe('consent.sources validation', () => {
  it('names the path and the reason', () => {
    const result = parseSources({ onetrust: { personalization: 'C0003' } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('config_invalid');
      expect(result.error.path).toBe('consent.sources.onetrust.personalization');
    }
    const unknown = parseSources({ onetrsut: {} });
    expect(unknown.ok).toBe(false);
    expect(parseSources({ tcf: { vendorId: 755 }, klaro: {} }).ok).toBe(true);
  });
});
