// Replays the real UCI Online Retail purchases per customer through the profile reducer
// and checks recency, frequency and monetary value against figures computed here,
// directly from the CSV rows, without the reducer's code.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with bench/collect.mjs
import { readRetailRows, retailEvents, retailPath } from '../../bench/online-retail.mjs';
import { reduceProfile } from '../../src/profile/reduce';
import { resolveFeature } from '../../src/features/catalogue';
import { featureContext } from '../../src/features/context';
import type { EdgesegEvent } from '../../src/types/event';

interface Row {
  invoice: string;
  quantity: number;
  price: number;
  t: number;
  customer: string;
}
const DAY = 86_400_000;
// The file ships in data/: when it is missing, retailPath() throws and this suite fails
// (it never skips silently).
const path = retailPath() as string;

describe('Online Retail replay (541,909 real invoice lines)', () => {
  const rows = readRetailRows(path) as Row[];
  const visitors = retailEvents(rows) as Map<string, EdgesegEvent[]>;
  // "Now" is the end of the data, as an RFM analysis of this file would take it.
  const now = rows.reduce((m, r) => Math.max(m, r.t), 0);
  const ctx = featureContext(now, {});
  const byCustomer = new Map<string, Row[]>();
  for (const row of rows) {
    const list = byCustomer.get(row.customer) ?? [];
    list.push(row);
    byCustomer.set(row.customer, list);
  }
  // Every 97th customer by id, plus the ones with the most cancellations: 50 or so.
  const ids = [...byCustomer.keys()].sort();
  const refunders = ids
    .map(
      (id) =>
        [
          id,
          new Set((byCustomer.get(id) as Row[]).filter((r) => r.invoice.startsWith('C')).map((r) => r.invoice)).size,
        ] as const,
    )
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([id]) => id);
  const sample = [...new Set([...ids.filter((_, i) => i % 97 === 0), ...refunders])];

  /** RFM from the rows alone: invoices are purchases, `C` invoices take money back. */
  function expected(customer: string) {
    const totals = new Map<string, { t: number; value: number }>();
    for (const r of byCustomer.get(customer) as Row[]) {
      const inv = totals.get(r.invoice) ?? { t: r.t, value: 0 };
      inv.value += r.quantity * r.price;
      totals.set(r.invoice, inv);
    }
    const purchases = [...totals].filter(([id]) => !id.startsWith('C')).map(([, v]) => v);
    const refunds = [...totals].filter(([id]) => id.startsWith('C')).map(([, v]) => -v.value);
    const gross = purchases.reduce((s, p) => s + Math.max(0, p.value), 0);
    const refunded = refunds.reduce((s, v) => s + Math.max(0, v), 0);
    const today = Math.floor(now / DAY);
    const within = (days: number) => purchases.filter((p) => Math.floor(p.t / DAY) > today - days).length;
    const last = purchases.length ? Math.max(...purchases.map((p) => p.t)) : null;
    return {
      purchases: purchases.length,
      recency: last === null ? undefined : (now - last) / DAY,
      f30: within(30),
      f90: within(90),
      f365: within(365),
      revenue: Math.max(0, gross - refunded),
      aov: purchases.length ? gross / purchases.length : undefined,
      refunds: refunds.length,
    };
  }

  it.each(sample)('customer %s: recency, frequency and monetary match the CSV', (customer) => {
    const profile = reduceProfile(null, visitors.get(customer) as EdgesegEvent[], { sessionTimeout: 30 * 60_000 });
    const want = expected(customer);
    const f = (name: string) => resolveFeature(name, profile, ctx);
    expect(f('purchases')).toBe(want.purchases);
    expect(f('refunds')).toBe(want.refunds);
    if (want.recency === undefined) expect(f('days_since_last_purchase')).toBeUndefined();
    else expect(f('days_since_last_purchase')).toBeCloseTo(want.recency, 9);
    expect(f('purchases_30d')).toBe(want.f30);
    expect(f('purchases_90d')).toBe(want.f90);
    expect(f('purchases_365d')).toBe(want.f365);
    expect(f('revenue')).toBeCloseTo(want.revenue, 6);
    if (want.aov === undefined) expect(f('aov')).toBeUndefined();
    else expect(f('aov')).toBeCloseTo(want.aov, 6);
  });

  it('keeps every replayed profile small (frequency days are bounded to a year)', () => {
    let largest = 0;
    for (const events of visitors.values()) {
      const profile = reduceProfile(null, events, { sessionTimeout: 30 * 60_000 });
      largest = Math.max(largest, JSON.stringify(profile).length);
      expect(profile?.commerce.days.length).toBeLessThanOrEqual(366);
    }
    expect(largest).toBeLessThan(16 * 1024);
  });
});
