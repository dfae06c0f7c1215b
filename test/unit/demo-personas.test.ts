// Each persona of the demo's "simulate a visitor" panel, played through the same reducer
// and scorer as the browser against the demo bundle trained on the UCI data, ends in the
// segment the panel promises (the e2e demo test plays the product browser in Chromium).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../scripts/data-files.mjs';
import { PERSONAS } from '../../demo/ui/personas.js';
import { readInput } from '../../cli/train/read-input';
import { trainBundle } from '../../cli/train/train-bundle';
import { checkTrainingSpec } from '../../cli/train/training-spec';
import { runCase } from '../../cli/replay/run-case';

const demo = join(__dirname, '../../demo/segments');
const spec = checkTrainingSpec(JSON.parse(readFileSync(join(demo, 'uci.spec.json'), 'utf8')), 'uci.spec.json');
const labels = JSON.parse(readFileSync(join(demo, 'labels.json'), 'utf8'));
const { table } = readInput(dataFile('online_shoppers_intention.csv'), spec, { skipBad: false });
// The demo's own training run (demo/train-bundle.mjs, which demo/serve.mjs runs): k 4, seed 7, its labels.
const { bundle } = await trainBundle(table, spec, { k: 4, seed: 7, restarts: 5, version: 1, labels });
const text = JSON.stringify(bundle);

describe('demo personas', () => {
  it.each(PERSONAS.map((p) => [p.name, p] as const))('a simulated %s becomes one', (_, persona) => {
    let t = 1_000_000;
    const events = [];
    for (const step of persona.steps) {
      events.push({ kind: 'page' as const, name: 'page_view', t, props: { path: step.path, pageType: step.type } });
      t += step.seconds * 1000;
    }
    // Scored as the page is on landing after the visit: the last page's time counted.
    events.push({ kind: 'page' as const, name: 'page_view', t, props: { path: '/', pageType: 'home' } });
    const result = runCase({ description: persona.name, bundle: 'demo', events, now: t, expect: {} } as never, text);
    expect(result.segment).toBe(persona.segment);
  });
});
