import { describe, expect, it } from 'vitest';
import { LEDGER_LIMITS, activeArms, emptyLedger, noteConversion, noteExposure, reachedGoals } from './ledger';

const DAY = 86_400_000;

describe('measurement ledger', () => {
  it('attributes a conversion to the arms exposed within the window only', () => {
    const l = emptyLedger();
    noteExposure(l, 'hero', 'personalized', 0);
    noteExposure(l, 'banner', 'control', 5 * DAY);
    expect(activeArms(l, 6 * DAY, 7 * DAY)).toEqual([
      { experiment: 'hero', arm: 'personalized' },
      { experiment: 'banner', arm: 'control' },
    ]);
    expect(activeArms(l, 8 * DAY, 7 * DAY)).toEqual([{ experiment: 'banner', arm: 'control' }]);
  });

  it('stays bounded: the oldest experiment and conversions go first', () => {
    const l = emptyLedger();
    for (let i = 0; i <= LEDGER_LIMITS.experiments; i++) noteExposure(l, `e${i}`, 'control', i);
    expect(Object.keys(l.exposures)).toHaveLength(LEDGER_LIMITS.experiments);
    expect(l.exposures['e0']).toBeUndefined();
    for (let i = 0; i < LEDGER_LIMITS.conversions + 5; i++) noteConversion(l, 'purchase', i, 2, []);
    expect(l.conversions).toHaveLength(LEDGER_LIMITS.conversions);
    expect(l.goals['purchase']).toEqual({
      count: LEDGER_LIMITS.conversions + 5,
      value: 2 * (LEDGER_LIMITS.conversions + 5),
    });
  });

  it('matches goals by event name, page type and value property', () => {
    const goals = [
      { id: 'purchase', event: 'purchase', value: 'value' },
      { id: 'pdp_cart', event: 'add_to_cart', pageType: 'product' },
    ];
    const purchase = { id: 'x', kind: 'track' as const, name: 'purchase', t: 0, props: { value: 12.5 } };
    expect(reachedGoals(goals, purchase, null)).toEqual([{ goal: 'purchase', value: 12.5 }]);
    const cart = { ...purchase, name: 'add_to_cart', props: {} };
    expect(reachedGoals(goals, cart, 'home')).toEqual([]);
    expect(reachedGoals(goals, cart, 'product')).toEqual([{ goal: 'pdp_cart' }]);
  });
});
