import retailBundle from '../../test/fixtures/bundles/retail.json';
import { describe, expect, it } from 'vitest';
import { validateBundle } from './validate-bundle';

describe('validateBundle: one-hot, projection, rules, scores, tfjs', () => {
  const retail = JSON.parse(JSON.stringify(retailBundle));
  const tweak = (patch: (b: typeof retail) => void) => {
    const b = structuredClone(retail);
    patch(b);
    return validateBundle(b);
  };
  const net = {
    layers: [
      {
        units: 2,
        activation: 'relu',
        weights: [
          [1, 0],
          [0, 1],
          [1, 1],
          [0, 0],
        ],
        bias: [0, 0],
      },
      { units: 1, activation: 'sigmoid', weights: [[1], [1]] },
    ],
    outputs: ['churn'],
  };

  it('a signed bundle must pin binary weights with weightsSha256; an unsigned one may leave them unpinned', () => {
    const binary = {
      layers: net.layers.map(({ units, activation }) => ({ units, activation })),
      outputs: net.outputs,
      weightsUrl: 'net.bin',
    };
    const signature = { alg: 'ES256', value: 'x'.repeat(86) };
    expect(tweak((b) => (b.tfjs = binary)).ok).toBe(true);
    expect(tweak((b) => ((b.tfjs = binary), (b.signature = signature)))).toMatchObject({
      ok: false,
      error: { code: 'bundle_invalid', path: 'tfjs.weightsSha256' },
    });
    const pinned = { ...binary, weightsSha256: 'A'.repeat(43) };
    expect(tweak((b) => ((b.tfjs = pinned), (b.signature = signature))).ok).toBe(true);
  });

  it('accepts the retail fixture and a network whose shapes chain', () => {
    expect(validateBundle(retail).ok).toBe(true);
    expect(tweak((b) => (b.tfjs = net)).ok).toBe(true);
    expect(
      tweak(
        (b) => (
          (b.tfjs = net),
          b.rules.push({ id: 'churny', mode: 'overlay', all: [{ input: 'propensity.churn', op: 'gt', value: 0.5 }] })
        ),
      ).ok,
    ).toBe(true);
  });

  it.each([
    [
      'a projection row of the wrong width',
      (b: typeof retail) => b.projection.matrix[1].pop(),
      'bundle_dimension_mismatch',
      'projection.matrix[1]',
    ],
    [
      'a projection mean of the wrong width',
      (b: typeof retail) => b.projection.mean.pop(),
      'bundle_dimension_mismatch',
      'projection.mean',
    ],
    [
      'centroids not matching the projection',
      (b: typeof retail) => b.model.centroids[0].push(0),
      'bundle_dimension_mismatch',
      'model.centroids[0]',
    ],
    [
      'a model segment too few',
      (b: typeof retail) => (b.segments[0].ruleOnly = true),
      'bundle_dimension_mismatch',
      'segments',
    ],
    [
      'an override to an unknown segment',
      (b: typeof retail) => (b.rules[0].segment = 'nobody'),
      'bundle_invalid',
      'rules[0].segment',
    ],
    ['a rule without conditions', (b: typeof retail) => delete b.rules[1].all, 'bundle_invalid', 'rules[1]'],
    [
      'a rule on an unknown input',
      (b: typeof retail) => (b.rules[0].all[0].input = 'telepathy'),
      'bundle_invalid',
      'rules[0].all[0].input',
    ],
    [
      'gt without a number',
      (b: typeof retail) => delete b.rules[0].all[1].value,
      'bundle_invalid',
      'rules[0].all[1].value',
    ],
    [
      'a propensity without a network',
      (b: typeof retail) => (b.rules[1].all[0].input = 'propensity.churn'),
      'bundle_invalid',
      'rules[1].all[0].input',
    ],
    [
      'a score using a later score',
      (b: typeof retail) => b.scores.unshift({ id: 'first', terms: [{ input: 'score.intent', weight: 1 }] }),
      'bundle_invalid',
      'scores[0].terms[0].input',
    ],
    [
      'a network with the wrong input width',
      (b: typeof retail) => (b.tfjs = { ...net, layers: [{ ...net.layers[0], weights: [[1, 0]] }, net.layers[1]] }),
      'bundle_dimension_mismatch',
      'tfjs.layers[0].weights',
    ],
    [
      'a network with more outputs than names',
      (b: typeof retail) => (b.tfjs = { ...net, outputs: ['a', 'b'] }),
      'bundle_dimension_mismatch',
      'tfjs.outputs',
    ],
    [
      'a network without weights',
      (b: typeof retail) => (b.tfjs = { layers: [{ units: 1 }], outputs: ['a'] }),
      'bundle_invalid',
      'tfjs.layers[0].weights',
    ],
    [
      'NaN smuggled in as a string',
      (b: typeof retail) => (b.model.centroids[0][0] = 'NaN'),
      'bundle_invalid',
      'model.centroids[0][0]',
    ],
  ])('refuses %s', (_, patch, code, path) => {
    const result = tweak(patch);
    expect(result.ok).toBe(false);
    if (!result.ok) expect([result.error.code, result.error.path]).toEqual([code, path]);
  });

  it('refuses more inputs than the dimension limit', () => {
    const wide = tweak((b) => {
      b.features = Array.from({ length: 5 }, () => ({
        name: 'trait.x',
        categories: Array.from({ length: 256 }, (_, i) => `c${i}`),
      }));
    });
    expect(wide).toMatchObject({ ok: false, error: { code: 'bundle_invalid', path: 'features' } });
  });
});
