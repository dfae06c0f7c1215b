import { describe, expect, it } from 'vitest';
import type { EdgesegEvent } from '../../src/types/event';
import { eventTable } from './event-table';
import type { TrainingSpec } from './training-spec';

const MIN = 60_000;
let n = 0;
const page = (t: number, pageType: string, props: EdgesegEvent['props'] = {}): EdgesegEvent => ({
  id: `e${n++}`,
  kind: 'page',
  name: 'page_view',
  t,
  props: { pageType, ...props },
});
const track = (t: number, name: string, props: EdgesegEvent['props'] = {}): EdgesegEvent => ({
  id: `e${n++}`,
  kind: 'track',
  name,
  t,
  props,
});
const spec: TrainingSpec = {
  features: [{ name: 'session.pages' }, { name: 'session.dwell.product' }, { name: 'session.duration' }],
};
const rows = (events: EdgesegEvent[]) => eventTable(new Map([['v', events]]), spec).rows.map((r) => r.cells);

describe('training rows from raw events', () => {
  it('takes a row per session: a timeout and a new campaign each end one', () => {
    const utm = { utm_source: 'mail', utm_medium: 'email' };
    expect(
      rows([
        page(0, 'product'),
        page(1 * MIN, 'product'),
        // 31 minutes later: a new session.
        page(32 * MIN, 'product'),
        page(33 * MIN, 'product'),
        // Within the timeout, but from a campaign: the reducer opens a new session here too.
        page(34 * MIN, 'product', utm),
        page(35 * MIN, 'cart', utm),
      ]),
    ).toEqual([
      [2, 60, 60],
      [2, 60, 60],
      [2, 60, 60],
    ]);
  });

  it('a scroll or engagement event after the timeout opens no session and takes no second row', () => {
    expect(
      rows([
        page(0, 'product'),
        page(2 * MIN, 'product'),
        // Arrives after the timeout (a tab left open): it belongs to no session.
        track(40 * MIN, 'engagement', { seconds: 5 }),
        page(41 * MIN, 'product'),
      ]),
    ).toEqual([
      [2, 120, 120],
      [1, 0, 0],
    ]);
  });

  it('a visitor whose events opened no session (traits only) has no row', () => {
    const identify: EdgesegEvent = { id: 'i', kind: 'identify', name: 'identify', t: 0, props: { plan: 'pro' } };
    expect(rows([identify])).toEqual([]);
  });
});
