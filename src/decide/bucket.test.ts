import { describe, expect, it } from 'vitest';
import { randomId } from '../lib/id';
import { bucketOf, pickArm } from './bucket';
import { visitorArms } from './experiments';

describe('bucketing', () => {
  it('spreads 100,000 random keys uniformly: each tenth of [0, 1) and each of two arms within ±1%', () => {
    const n = 100_000;
    const tenths = new Array<number>(10).fill(0);
    const arms = [0, 0];
    for (let i = 0; i < n; i++) {
      const b = bucketOf('hero-test', randomId());
      tenths[Math.floor(b * 10)]! += 1;
      arms[pickArm(b, [1, 1])]! += 1;
    }
    for (const count of tenths) expect(Math.abs(count / n - 0.1)).toBeLessThan(0.01);
    for (const count of arms) expect(Math.abs(count / n - 0.5)).toBeLessThan(0.01);
  });

  it('puts a key in the same arm every time, and keeps it there when the traffic share grows', () => {
    const spec = {
      experiments: [
        {
          id: 'e',
          traffic: 0.5,
          arms: [
            { id: 'control', weight: 1 },
            { id: 'personalized', weight: 1 },
          ],
        },
      ],
    };
    const wider = { experiments: [{ ...spec.experiments[0]!, traffic: 1 }] };
    for (let i = 0; i < 1000; i++) {
      const key = `k${i}`;
      const first = visitorArms(spec, key, 's');
      expect(visitorArms(spec, key, 's')).toEqual(first);
      if (first.length) expect(visitorArms(wider, key, 's')).toEqual(first);
    }
  });

  it('holds out the configured share, and a held-out visitor is in no experiment', () => {
    const spec = {
      holdout: { share: 0.2 },
      experiments: [
        {
          id: 'e',
          arms: [
            { id: 'control', weight: 1 },
            { id: 'personalized', weight: 1 },
          ],
        },
      ],
    };
    let held = 0;
    for (let i = 0; i < 20_000; i++) {
      const arms = visitorArms(spec, `v${i}`, 's');
      if (arms[0]?.arm === 'holdout') {
        held++;
        expect(arms).toHaveLength(1);
      }
    }
    expect(Math.abs(held / 20_000 - 0.2)).toBeLessThan(0.01);
  });

  it('leaves visitors of other segments out of a segment-restricted experiment; a preview forces an arm', () => {
    const spec = {
      experiments: [
        {
          id: 'e',
          segments: ['a'],
          arms: [
            { id: 'control', weight: 1 },
            { id: 'x', weight: 1 },
          ],
        },
      ],
    };
    expect(visitorArms(spec, 'k', 'b')).toEqual([]);
    expect(visitorArms(spec, 'k', 'a', 'x')).toEqual([{ id: 'e', arm: 'x' }]);
    expect(visitorArms({ ...spec, holdout: { share: 0 } }, 'k', 'a', 'holdout')).toEqual([
      { id: 'holdout', arm: 'holdout' },
    ]);
  });
});
