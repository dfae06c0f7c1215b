// The RFM recipe (demo/rfm.mjs, `npm run rfm`) run end to end on a committed sample of
// real invoice lines: invoice lines → commerce events → the browser's reducer → one row
// per customer → k-means → bundle and plots. The bundle must then score each customer,
// through the SDK's own engine, into the segment sizes training reported.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS recipe, shared with `npm run rfm`
import { rfmRecipe } from '../../demo/rfm.mjs';
import { main } from '../../cli/main';
import { readEvents } from '../../cli/replay/read-events';
import { validateBundle } from '../../src/bundle/validate-bundle';
import engine from '../../src/chunks/engine';
import { applyEvent } from '../../src/profile/reduce';
import { emptyProfile } from '../../src/profile/empty';
import type { PreparedBundle } from '../../src/chunks/engine-contract';

const SAMPLE = 'test/fixtures/retail/online_retail.sample.csv.gz';

describe('RFM recipe on real invoice lines', () => {
  it('turns invoice lines into a bundle of recency / frequency / monetary segments, with plots', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'edgeseg-rfm-'));
    const log: string[] = [];
    const code = await rfmRecipe({ input: SAMPLE, outDir, main, log: (l: string) => log.push(l) });
    expect(code, log.join('\n')).toBe(0);
    expect(log[0]).toMatch(/^\d+ invoices of 40 customers → /);

    const bundle = JSON.parse(readFileSync(join(outDir, 'rfm.json'), 'utf8'));
    expect(validateBundle(bundle).ok).toBe(true);
    expect(bundle.features.map((f: { name: string }) => f.name)).toEqual([
      'days_since_last_purchase',
      'purchases',
      'revenue',
    ]);
    expect(bundle.training.rows).toBe(40);
    expect(bundle.segments.map((s: { id: string }) => s.id).sort()).toEqual(['at-risk', 'lapsed', 'loyal', 'new']);
    expect(bundle.training.outcome).toMatchObject({ column: 'refunds', kind: 'mean' });
    expect(readFileSync(join(outDir, 'rfm.profile.svg'), 'utf8')).toContain('% of rows');
    expect(readFileSync(join(outDir, 'rfm.pca.svg'), 'utf8').match(/r="2.2"/g)).toHaveLength(40);

    // Each customer, replayed through the SDK's reducer and engine at the end of the data,
    // lands where training put it: the same segment sizes.
    const { visitors } = readEvents(readFileSync(join(outDir, 'rfm.events.ndjson'), 'utf8'), false);
    const asOf = Math.max(...[...visitors.values()].flat().map((e) => e.t));
    const prepared = engine.prepareBundle(JSON.stringify(bundle));
    if (!prepared.ok) throw new Error(prepared.error.message);
    const counts = new Map<string, number>();
    for (const events of visitors.values()) {
      const profile = emptyProfile(events[0]!.t);
      for (const event of events) applyEvent(profile, event, { sessionTimeout: 30 * 60_000 });
      const id = engine.score(prepared.prepared as PreparedBundle, profile, asOf).id as string;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(bundle.segments.map((s: { id: string }) => counts.get(s.id) ?? 0)).toEqual(bundle.training.sizes);
  });
});
