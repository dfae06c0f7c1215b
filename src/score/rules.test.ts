import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import retail from '../../test/fixtures/bundles/retail.json';
import { validateBundle } from '../bundle/validate-bundle';
import { emptyProfile } from '../profile/empty';
import type { Bundle, Condition } from '../types/bundle';
import type { Profile } from '../types/profile';
import { applyRules, compositeScore, holds, readInput, type RuleInputs } from './rules';
import { keepOrSwitch } from './hysteresis';

const bundle = (validateBundle(structuredClone(retail)) as { bundle: Bundle }).bundle;

function inputs(profile: Partial<Profile> = {}, extra: Partial<RuleInputs> = {}): RuleInputs {
  return {
    bundle,
    profile: { ...emptyProfile(0), ...profile },
    ctx: { now: Date.UTC(2026, 0, 3, 15), weekday: 6, pageGroups: {} },
    features: {},
    propensities: { churn: 0.8 },
    scores: {},
    segment: 'buyer',
    ...extra,
  };
}

describe('rule inputs and conditions', () => {
  it('reads catalogue values, string traits, propensities, the model segment and context', () => {
    const i = inputs({ tracks: { purchase: 2 }, traits: { tier: 'gold', vip: true } });
    expect(readInput(i, 'event.purchase')).toBe(2);
    expect(readInput(i, 'trait.tier')).toBe('gold');
    expect(readInput(i, 'trait.vip')).toBe(1);
    expect(readInput(i, 'propensity.churn')).toBe(0.8);
    expect(readInput(i, 'propensity.nothing')).toBeUndefined();
    expect(readInput(i, 'segment')).toBe('buyer');
    expect(readInput(i, 'context.weekday')).toBe(6);
  });

  it.each<[Condition, boolean]>([
    [{ input: 'event.purchase', op: 'gte', value: 2 }, true],
    [{ input: 'event.purchase', op: 'gt', value: 2 }, false],
    [{ input: 'event.purchase', op: 'lt', value: 3 }, true],
    [{ input: 'event.purchase', op: 'lte', value: 1 }, false],
    [{ input: 'event.purchase', op: 'eq', value: 2 }, true],
    [{ input: 'event.purchase', op: 'neq', value: 2 }, false],
    [{ input: 'trait.tier', op: 'in', values: ['gold', 'silver'] }, true],
    [{ input: 'trait.tier', op: 'neq', values: ['gold'] }, false],
    [{ input: 'trait.tier', op: 'gt', value: 1 }, false],
    [{ input: 'trait.days_since_purchase', op: 'gt', value: 60 }, false],
    [{ input: 'trait.days_since_purchase', op: 'missing' }, true],
    [{ input: 'trait.tier', op: 'exists' }, true],
  ])('%j → %s', (condition, expected) => {
    expect(holds(inputs({ tracks: { purchase: 2 }, traits: { tier: 'gold' } }), condition)).toBe(expected);
  });

  it('an override needs every `all` condition; overlays collect in order', () => {
    const quiet = inputs({ tracks: { purchase: 2 }, traits: { days_since_purchase: 61 } }, { scores: { intent: 1 } });
    expect(applyRules(quiet).override?.id).toBe('at-risk');
    expect(applyRules(quiet).overlays.map((r) => r.id)).toEqual(['hot', 'vip']);
    const recent = inputs({ tracks: { purchase: 2 }, traits: { days_since_purchase: 59 } }, { segment: 'browser' });
    expect(applyRules(recent)).toEqual({ override: null, overlays: [] });
  });

  it('composite scores weigh their inputs, count missing ones as 0, and squash when asked', () => {
    const score = {
      id: 's',
      terms: [
        { input: 'event.add_to_cart', weight: 0.5 },
        { input: 'event.purchase', weight: 1 },
      ],
      bias: -1,
    };
    expect(compositeScore(inputs({ tracks: { add_to_cart: 4 } }), score)).toBe(1);
    expect(compositeScore(inputs({ tracks: { add_to_cart: 4 } }), { ...score, squash: 'sigmoid' })).toBeCloseTo(
      1 / (1 + Math.exp(-1)),
    );
  });
});

describe('hysteresis', () => {
  it('keeps the previous segment until another leads by the margin', () => {
    expect(keepOrSwitch([0.45, 0.55], 1, 0, 0.2)).toBe(0);
    expect(keepOrSwitch([0.35, 0.65], 1, 0, 0.2)).toBe(1);
    expect(keepOrSwitch([0.45, 0.55], 1, -1, 0.2)).toBe(1);
    expect(keepOrSwitch([0.45, 0.55], 1, 0, 0)).toBe(1);
  });

  it('always returns the nearest or the previous, and the nearest when the margin is 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 8 }),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (conf, p, margin) => {
          const best = conf.indexOf(Math.max(...conf));
          const previous = p % conf.length;
          const kept = keepOrSwitch(conf, best, previous, margin);
          expect([best, previous]).toContain(kept);
          expect(keepOrSwitch(conf, best, previous, 0)).toBe(best);
        },
      ),
    );
  });
});
