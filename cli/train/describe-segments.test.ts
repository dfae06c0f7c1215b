import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../scripts/data-files.mjs';
import { describeSegments } from './describe-segments';
import { readInput } from './read-input';
import { trainBundle } from './train-bundle';
import { checkTrainingSpec } from './training-spec';
import type { FeatureSpec } from '../../src/types/bundle';

const SPECS: FeatureSpec[] = [
  { name: 'session.pages.administrative', label: 'account pages this visit' },
  { name: 'session.pages.product_related', label: 'product pages this visit' },
  { name: 'session.dwell.product_related', label: 'time on product pages' },
];

/** Every "more X" / "fewer X" / "less X" in a text, with X a feature label. */
function claimsIn(text: string, specs: readonly FeatureSpec[]): { feature: number; direction: 'more' | 'less' }[] {
  return specs.flatMap((spec, feature) => {
    const label = spec.label as string;
    const found = new RegExp(`\\b(more|fewer|less) ${label}`, 'i').exec(text);
    return found
      ? [{ feature, direction: found[1]!.toLowerCase() === 'more' ? ('more' as const) : ('less' as const) }]
      : [];
  });
}

describe('describeSegments', () => {
  it('names what sets a segment apart, never a feature it is only average on', () => {
    // Segment 0 is average on products; what sets it apart is no account pages.
    const centroids = [
      [-1, 0.02, 0.05],
      [1, 1, 1],
      [0.5, -1, -1],
    ];
    const [average, heavy, light] = describeSegments(centroids, [2, 1, 1], SPECS);
    expect(average?.label).toBe('Fewer account pages this visit');
    expect(average?.description).not.toMatch(/product/);
    expect(heavy?.description).toBe(
      'more product pages this visit, more time on product pages, more account pages this visit',
    );
    // Countable things are fewer, amounts are less.
    expect(light?.description).toContain('fewer product pages this visit');
    expect(light?.description).toContain('less time on product pages');
  });

  it('says so when a segment is average on everything', () => {
    const [only] = describeSegments([[0, 0, 0]], [5], SPECS);
    expect(only?.label).toBe('About average on every feature');
  });
});

// Trained once for the suite below (training is asynchronous: it may run on worker threads).
const spec = checkTrainingSpec(
  JSON.parse(readFileSync(join(__dirname, '../../demo/segments/uci.spec.json'), 'utf8')),
  'uci.spec.json',
);
const { table } = readInput(dataFile('online_shoppers_intention.csv'), spec, { skipBad: false });
const { bundle } = await trainBundle(table, spec, { k: 4, seed: 7, restarts: 5, version: 1 });

describe('labels of the demo bundle trained on the UCI shoppers data', () => {
  const centroids = bundle.model.centroids;

  it('claims, in label and description, only features the centroid is above (more) or below (fewer, less) average on', () => {
    // z-scaled features: the average training row is 0 on every feature.
    const made = bundle.segments.flatMap((s, i) =>
      claimsIn(`${s.label}. ${s.description}`, bundle.features).map((c) => ({ segment: i, ...c })),
    );
    expect(made.length).toBeGreaterThanOrEqual(bundle.segments.length);
    for (const { segment, feature, direction } of made) {
      const value = centroids[segment]![feature]!;
      expect({ segment, feature, direction, above: value > 0 }).toEqual({
        segment,
        feature,
        direction,
        above: direction === 'more',
      });
    }
  });

  it("leads with each centroid's most distinctive feature against the other centroids", () => {
    bundle.segments.forEach((s, i) => {
      const distinct = bundle.features.map((_, j) => {
        const others = centroids.filter((_, m) => m !== i).map((c) => c[j]!);
        return Math.abs(centroids[i]![j]! - others.reduce((a, b) => a + b, 0) / others.length);
      });
      const [lead] = claimsIn(s.label, bundle.features);
      expect(lead).toBeDefined();
      // No feature the label leaves out sets the segment apart by more (among those it may claim).
      const claimable = bundle.features
        .map((_, j) => j)
        .filter((j) => claimsIn(s.description ?? '', bundle.features).some((c) => c.feature === j));
      expect(Math.max(...claimable.map((j) => distinct[j]!))).toBe(distinct[lead!.feature]);
    });
  });

  it('reads as the demo expects: no account pages, account holders, information readers, short visits', () => {
    expect(bundle.segments.map((s) => s.label)).toEqual([
      'Less time on account pages',
      'More time on account pages',
      'More time on information pages',
      'Less time on product pages',
    ]);
  });
});
