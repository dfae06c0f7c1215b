// The traffic simulator's plan (demo/simulate.mjs plays it in Chromium): which visitors
// come, how each browses and whether they would buy, drawn from the UCI shoppers data
// with a seeded generator, so the same seed gives the same plan, visitor for visitor.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { seededRandom } from '../dist/cli.mjs';

/** Real shop pages of each page type (demo/pages.mjs), to play a page group's views on. */
export const SHOP_PAGES = {
  account: ['/account.html'],
  orders: ['/orders.html'],
  faq: ['/faq.html'],
  shipping: ['/shipping.html'],
  about: ['/about.html'],
  category: ['/category.html'],
  product: ['/product-lamp.html', '/product-mug.html', '/product-chair.html'],
};

/** The shop's prices (demo/pages.mjs): a buyer's order value is one of them. */
const PRICES = [129, 18, 240];

/**
 * The UCI shoppers sessions (semicolon-separated, `.gz` read as is) as objects by column.
 * @param {string} path
 * @returns {Record<string, string>[]}
 */
export function readShoppers(path) {
  const buffer = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(buffer) : buffer).toString('utf8');
  const [head, ...lines] = text.split(/\r?\n/).filter(Boolean);
  const header = head.split(';');
  return lines.map((line) => Object.fromEntries(line.split(';').map((cell, j) => [header[j], cell])));
}

/**
 * Per segment of the bundle: its UCI sessions and their purchase rate (`Revenue`), each
 * session assigned by `segmentOf` (the SDK's scorer) from the spec's columns.
 * @param {Record<string, string>[]} rows
 * @param {{ features: { name: string, column?: string }[] }} spec
 * @param {(raw: number[]) => string | null} segmentOf
 */
export function segmentStats(rows, spec, segmentOf) {
  /** @type {Map<string, { rows: Record<string, string>[], buyers: number }>} */
  const segments = new Map();
  for (const row of rows) {
    const id = segmentOf(spec.features.map((f) => Number(row[f.column ?? f.name])));
    if (id === null) continue;
    const s = segments.get(id) ?? { rows: [], buyers: 0 };
    s.rows.push(row);
    if (row.Revenue === 'TRUE') s.buyers += 1;
    segments.set(id, s);
  }
  return segments;
}

/**
 * The pages one UCI session becomes: each page group's views on shop pages of its types,
 * the group's duration shared out evenly, in a seeded order; `null` when it cannot be
 * played as one visit (more than `maxPages` pages, or a page longer than `maxSeconds`,
 * which would end the session).
 */
function stepsOf(row, groups, random, maxPages, maxSeconds) {
  const steps = [];
  for (const group of groups) {
    const n = Number(row[group.pages]);
    const seconds = n > 0 ? Number(row[group.dwell]) / n : 0;
    if (seconds > maxSeconds) return null;
    const paths = group.types.flatMap((type) => (SHOP_PAGES[type] ?? []).map((path) => ({ path, type })));
    for (let k = 0; k < n; k++) steps.push({ ...paths[Math.floor(random() * paths.length)], seconds });
  }
  if (steps.length > maxPages) return null;
  for (let i = steps.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [steps[i], steps[j]] = [steps[j], steps[i]];
  }
  return steps;
}

/**
 * The visitors of a simulation: each a segment drawn by its share of the UCI sessions, one
 * of that segment's real sessions played page by page (page counts and time per page group
 * as recorded), the segment's purchase rate, a uniform draw deciding the purchase against
 * it, an order value, and a fresh visitor key (so the demo's holdout and experiment split
 * it as any visitor). Deterministic: the same inputs and seed give the same plan.
 * @param {{ rows: Record<string, string>[], spec: any, segmentOf: (raw: number[]) => string | null,
 *   seed: number, visitors: number, maxPages?: number }} options
 */
export function planVisitors({ rows, spec, segmentOf, seed, visitors, maxPages = 10 }) {
  const random = seededRandom(seed);
  // The spec's page groups, with the columns holding their page counts and durations.
  const column = (name) => spec.features.find((f) => f.name === name)?.column ?? name;
  const groups = (spec.pageGroups ?? []).map((g) => ({
    types: g.types.filter((type) => SHOP_PAGES[type]),
    pages: column(`session.pages.${g.name}`),
    dwell: column(`session.dwell.${g.name}`),
  }));
  const stats = segmentStats(rows, spec, segmentOf);
  const total = [...stats.values()].reduce((n, s) => n + s.rows.length, 0);
  const segments = [...stats].map(([id, s]) => ({
    id,
    sessions: s.rows.length,
    share: s.rows.length / total,
    purchaseRate: s.buyers / s.rows.length,
  }));
  const plan = [];
  for (let index = 0; index < visitors; index++) {
    let u = random();
    const segment = segments.find((s) => (u -= s.share) < 0) ?? segments[segments.length - 1];
    const candidates = stats.get(segment.id).rows;
    let steps = null;
    for (let tries = 0; steps === null && tries < 1000; tries++)
      steps = stepsOf(candidates[Math.floor(random() * candidates.length)], groups, random, maxPages, 20 * 60);
    if (steps === null) throw new Error(`segment ${segment.id}: no UCI session fits ${maxPages} pages`);
    plan.push({
      index,
      key: `sim-${seed}-${index}-${Math.floor(random() * 2 ** 32).toString(36)}`,
      segment: segment.id,
      steps,
      purchaseRate: segment.purchaseRate,
      draw: random(),
      value: PRICES[Math.floor(random() * PRICES.length)],
    });
  }
  return { seed, segments, visitors: plan };
}
