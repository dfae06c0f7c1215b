import { linePanel, svgDocument, text } from '../plot/svg';
import type { BlockRunner } from './block-runner';
import { kmeans, type KMeansOptions, type KMeansResult, type Matrix } from './kmeans';
import { sampledSilhouette } from './silhouette';

/** One k of a scan: what the elbow and silhouette methods look at. */
export interface KScanRow {
  k: number;
  inertia: number;
  silhouette: number;
  iterations: number;
  ms: number;
}

/** How `--k auto` picks: the best sampled silhouette, or the elbow of the inertia curve. */
export type KSelection = 'silhouette' | 'elbow';

/** Parses `2..10` (or `2-10`) into the list of k to try. */
export function parseKRange(text: string): number[] {
  const match = /^(\d+)\s*(?:\.\.|-)\s*(\d+)$/.exec(text.trim());
  const lo = Number(match?.[1]);
  const hi = Number(match?.[2]);
  if (!match || lo < 1 || hi < lo || hi - lo > 100) throw new Error(`"${text}" is not a k range like 2..10`);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** Runs k-means for every k; each result is kept so the chosen one is not trained twice. */
export async function scanK(
  x: Matrix,
  ks: readonly number[],
  options: Omit<KMeansOptions, 'k'>,
  silhouetteSample: number,
  runner?: BlockRunner,
): Promise<{ rows: KScanRow[]; results: Map<number, KMeansResult> }> {
  const rows: KScanRow[] = [];
  const results = new Map<number, KMeansResult>();
  for (const [i, k] of ks.entries()) {
    const started = performance.now();
    const result = await kmeans(
      x,
      { ...options, k, onProgress: (done) => options.onProgress?.((i + done) / ks.length) },
      runner,
    );
    const ms = performance.now() - started;
    results.set(k, result);
    rows.push({
      k,
      inertia: result.inertia,
      silhouette: sampledSilhouette(x, result.labels, k, silhouetteSample, options.seed),
      iterations: result.iterations,
      ms,
    });
  }
  return { rows, results };
}

/**
 * The elbow of the inertia curve (the "kneedle" rule): with both axes scaled to [0, 1],
 * the k farthest below the straight line from the first point to the last.
 */
export function elbowK(rows: readonly KScanRow[]): number {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last || rows.length < 3) return first?.k ?? 1;
  const span = first.inertia - last.inertia || 1;
  let best = first.k;
  let bestGap = -Infinity;
  for (const r of rows) {
    const x = (r.k - first.k) / (last.k - first.k);
    const y = (r.inertia - last.inertia) / span;
    const gap = 1 - x - y;
    if (gap > bestGap) {
      bestGap = gap;
      best = r.k;
    }
  }
  return best;
}

/** The k a scan recommends. */
export function chooseK(rows: readonly KScanRow[], by: KSelection): number {
  if (by === 'elbow') return elbowK(rows);
  return rows.reduce((a, b) => (b.silhouette > a.silhouette ? b : a)).k;
}

/** The scan as text table lines, the chosen k marked. */
export function kScanTable(rows: readonly KScanRow[], chosen: number): string[] {
  const lines = ['   k      inertia  silhouette  iterations      ms'];
  for (const r of rows) {
    lines.push(
      `${r.k === chosen ? '*' : ' '}${String(r.k).padStart(3)} ${r.inertia.toFixed(2).padStart(12)} ${r.silhouette.toFixed(4).padStart(11)} ${String(r.iterations).padStart(11)} ${r.ms.toFixed(0).padStart(7)}`,
    );
  }
  return lines;
}

/** Inertia (elbow) and silhouette against k, one panel each, the chosen k dashed. */
export function kScanSvg(rows: readonly KScanRow[], chosen: number, title: string): string {
  const ks = rows.map((r) => r.k);
  return svgDocument(640, 520, [
    text(20, 24, title, 'font-size="13" font-weight="bold"'),
    ...linePanel(
      { x: 80, y: 60, width: 520, height: 170 },
      'Inertia (within-cluster sum of squares): look for the elbow',
      ks,
      rows.map((r) => Number(r.inertia.toFixed(2))),
      '#1f77b4',
      chosen,
    ),
    ...linePanel(
      { x: 80, y: 300, width: 520, height: 170 },
      'Mean silhouette (sampled): higher is better',
      ks,
      rows.map((r) => Number(r.silhouette.toFixed(4))),
      '#d62728',
      chosen,
    ),
    text(340, 508, 'k (number of segments)', 'text-anchor="middle"'),
  ]);
}
