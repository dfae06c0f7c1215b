import { describe, expect, it } from 'vitest';
import { tcfOpinion } from './tcf';
import { gppOpinion } from './gpp';
import { ConsentModeReader } from './consent-mode';
import { oneTrustOpinion } from './onetrust';
import { cookiebotOpinion } from './cookiebot';
import { klaroOpinion } from './klaro';
import { parseSources } from '../../config/sources-schema';

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
  it('US opt-outs deny, none grants, not ready is pending', () => {
    expect(
      gppOpinion(
        { signalStatus: 'ready', parsedSections: { usnat: { SaleOptOut: 2, TargetedAdvertisingOptOut: 2 } } },
        {},
        {},
      ),
    ).toEqual({ personalization: 'granted', measurement: 'granted' });
    expect(
      gppOpinion(
        { signalStatus: 'ready', parsedSections: { usva: [{ TargetedAdvertisingOptOut: 1 }, { Gpc: false }] } },
        {},
        {},
      )?.personalization,
    ).toBe('denied');
    expect(
      gppOpinion({ signalStatus: 'ready', parsedSections: { uspv1: { OptOutSale: 'Y' } } }, {}, {})?.personalization,
    ).toBe('denied');
    expect(gppOpinion({ signalStatus: 'not ready' }, {}, {})?.personalization).toBe('pending');
  });
  it('the EU TCF section uses the TCF mapping; any denial across sections wins', () => {
    const tcf = { PurposeConsents: [true, false, false, false, true, true] };
    expect(gppOpinion({ signalStatus: 'ready', parsedSections: { tcfeuv2: tcf } }, {}, {})?.personalization).toBe(
      'granted',
    );
    expect(
      gppOpinion({ signalStatus: 'ready', parsedSections: { tcfeuv2: tcf, usnat: { SaleOptOut: 1 } } }, {}, {})
        ?.personalization,
    ).toBe('denied');
    expect(
      gppOpinion({ signalStatus: 'ready', parsedSections: { usnat: { SaleOptOut: 1 } } }, { us: false }, {})
        ?.personalization,
    ).toBe('granted');
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
