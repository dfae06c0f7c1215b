import { describe, expect, it } from 'vitest';
import retail from '../../test/fixtures/bundles/retail.json';
import { validateBundle } from '../bundle/validate-bundle';
import { prepareBundle } from './prepare-bundle';
import { emptyProfile } from '../profile/empty';
import type { Bundle } from '../types/bundle';
import { scoreVisitor } from './score-visitor';

const bundle = (validateBundle(structuredClone(retail)) as { bundle: Bundle }).bundle;

describe('scoreVisitor', () => {
  it("feeds a network's outputs to rules as propensities", () => {
    const withNet = { ...bundle, tfjs: { layers: [{ units: 1, weights: [[0], [0], [0], [0]] }], outputs: ['churn'] } };
    withNet.rules = [
      {
        id: 'churny',
        mode: 'override',
        segment: 'at-risk',
        all: [{ input: 'propensity.churn', op: 'gt', value: 0.5 }],
      },
    ];
    const prepared = {
      ...prepareBundle(withNet),
      net: { predict: (x: Float32Array) => new Float32Array([x.length === 4 ? 0.9 : 0]) },
    };
    const a = scoreVisitor(prepared, emptyProfile(0), 1000);
    expect(a).toMatchObject({
      id: 'at-risk',
      source: 'rule',
      rule: 'churny',
      propensities: { churn: expect.closeTo(0.9, 5) },
    });
  });

  it('stops using a bundle once a page stays open past expiresAt', () => {
    const expiring = prepareBundle({ ...bundle, expiresAt: '2026-01-01T00:00:00Z' });
    expect(scoreVisitor(expiring, emptyProfile(0), Date.UTC(2025, 11, 31)).id).toBe('newcomer');
    const late = scoreVisitor(expiring, emptyProfile(0), Date.UTC(2026, 0, 2));
    expect(late).toMatchObject({ id: null, source: 'none' });
    expect(late.explanation).toContain('expired');
  });
});
