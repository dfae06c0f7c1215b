import type { Bundle } from '../../src/types/bundle';
import { escapeXml, segmentColour, svgDocument, text, ticks } from '../plot/svg';
import { formatOutcome, type OutcomeStats } from '../train/outcome';

/** Blue (below average) to white to red (above), for scaled centroid values. */
function diverging(v: number, limit: number): string {
  const t = Math.max(-1, Math.min(1, v / (limit || 1)));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * Math.abs(t));
  return t >= 0 ? `rgb(255,${mix(255, 80)},${mix(255, 60)})` : `rgb(${mix(255, 50)},${mix(255, 110)},255)`;
}

/** Per segment, its share of rows and the outcome, as the plots print them beside its name. */
function segmentFacts(i: number, shares?: readonly number[], outcome?: OutcomeStats): string[] {
  const facts: string[] = [];
  const share = shares?.[i];
  if (share !== undefined) facts.push(`${(share * 100).toFixed(1)}% of rows`);
  const value = outcome?.segments[i]?.value;
  if (outcome && value !== undefined) facts.push(`${outcome.column} ${formatOutcome(value, outcome.kind)}`);
  return facts;
}

/**
 * Per-segment feature profile: a heatmap of centroid values (segments × features), values
 * printed, and to the right each segment's share of rows and, given one, its outcome
 * (rate or mean), the columns a marketer reads first.
 */
export function profileSvg(
  bundle: Bundle,
  sizes?: readonly number[],
  shares?: readonly number[],
  outcome?: OutcomeStats,
): string {
  const features = bundle.features.map((f) => f.label ?? f.name);
  const rows = bundle.model.centroids;
  const cell = { w: 92, h: 34 };
  const left = 190;
  const top = 150;
  const limit = Math.max(...rows.flat().map(Math.abs), 1e-9);
  const body = [
    text(
      16,
      26,
      `Segment profiles: centroid values per feature (${bundle.id ?? 'bundle'} v${bundle.version})`,
      'font-size="14" font-weight="bold"',
    ),
    text(16, 46, 'Scaled units: 0 is the training average; red above, blue below.', 'fill="#555"'),
  ];
  features.forEach((f, j) => {
    const x = left + j * cell.w + cell.w / 2;
    body.push(
      `<text transform="translate(${x.toFixed(1)},${top - 8}) rotate(-35)" font-size="11">${escapeXml(f.length > 30 ? `${f.slice(0, 29)}…` : f)}</text>`,
    );
  });
  rows.forEach((row, i) => {
    const y = top + i * cell.h;
    const s = bundle.segments[i];
    body.push(
      `<rect x="8" y="${y + 10}" width="12" height="12" fill="${segmentColour(i)}"/>`,
      text(26, y + 21, `${s?.label ?? s?.id ?? i}${sizes?.[i] !== undefined ? ` (${sizes[i]})` : ''}`),
    );
    row.forEach((v, j) => {
      const x = left + j * cell.w;
      body.push(
        `<rect x="${x}" y="${y}" width="${cell.w - 2}" height="${cell.h - 2}" fill="${diverging(v, limit)}"/>`,
        text(x + cell.w / 2 - 1, y + 21, v.toFixed(2), 'text-anchor="middle"'),
      );
    });
    segmentFacts(i, shares, outcome).forEach((fact, f) =>
      body.push(
        text(left + features.length * cell.w + 14 + f * 130, y + 21, fact, f === 1 ? 'font-weight="bold"' : ''),
      ),
    );
  });
  const factsWidth = (shares ? 130 : 0) + (outcome ? 170 : 0);
  if (outcome)
    body.push(
      text(
        left + features.length * cell.w + 14 + (shares ? 130 : 0),
        top - 8,
        `${outcome.column}: ${outcome.kind === 'rate' ? 'rate' : 'mean'} (all rows ${formatOutcome(outcome.overall, outcome.kind)})`,
        'font-size="11" fill="#555"',
      ),
    );
  return svgDocument(
    Math.max(640, left + features.length * cell.w + 150 + factsWidth),
    top + rows.length * cell.h + 30,
    body,
  );
}

/** A 2-D PCA scatter of sample rows coloured by segment, centroids as ringed markers. */
export function scatterSvg(
  bundle: Bundle,
  points: { xy: number[]; segment: number }[],
  centres: number[][],
  explained: string,
  shares?: readonly number[],
  outcome?: OutcomeStats,
): string {
  const legend = bundle.segments.map((s, i) => [s.label, ...segmentFacts(i, shares, outcome)].join(' · '));
  const H = 560;
  const plot = { x: 70, y: 60, w: 460, h: 440 };
  // Wide enough for the longest legend line (about 6.6 px a character at 12 px).
  const W = Math.max(720, Math.ceil(plot.x + plot.w + 42 + 6.6 * Math.max(...legend.map((l) => l.length)) + 16));
  const all = [...points.map((p) => p.xy), ...centres];
  const xs = all.map((p) => p[0] as number);
  const ys = all.map((p) => p[1] as number);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const px = (v: number) => plot.x + ((v - x0) / (x1 - x0 || 1)) * plot.w;
  const py = (v: number) => plot.y + plot.h - ((v - y0) / (y1 - y0 || 1)) * plot.h;
  const body = [
    text(
      16,
      26,
      `Training sample on the first two principal components (${points.length} rows)`,
      'font-size="14" font-weight="bold"',
    ),
    text(16, 44, explained, 'fill="#555"'),
    `<rect x="${plot.x}" y="${plot.y}" width="${plot.w}" height="${plot.h}" fill="none" stroke="#ccc"/>`,
  ];
  for (const t of ticks(x0, x1))
    body.push(text(px(t), plot.y + plot.h + 16, String(t), 'text-anchor="middle" fill="#555"'));
  for (const t of ticks(y0, y1)) body.push(text(plot.x - 6, py(t) + 4, String(t), 'text-anchor="end" fill="#555"'));
  body.push(
    text(plot.x + plot.w / 2, H - 22, 'PC 1', 'text-anchor="middle"'),
    `<text transform="translate(22,${plot.y + plot.h / 2}) rotate(-90)" text-anchor="middle">PC 2</text>`,
  );
  for (const p of points)
    body.push(
      `<circle cx="${px(p.xy[0] as number).toFixed(1)}" cy="${py(p.xy[1] as number).toFixed(1)}" r="2.2" fill="${segmentColour(p.segment)}" fill-opacity="0.55"/>`,
    );
  centres.forEach((c, i) =>
    body.push(
      `<circle cx="${px(c[0] as number).toFixed(1)}" cy="${py(c[1] as number).toFixed(1)}" r="8" fill="${segmentColour(i)}" stroke="#000" stroke-width="2"/>`,
    ),
  );
  legend.forEach((line, i) => {
    const y = plot.y + 10 + i * 22;
    body.push(
      `<circle cx="${plot.x + plot.w + 30}" cy="${y}" r="6" fill="${segmentColour(i)}"/>`,
      text(plot.x + plot.w + 42, y + 4, line),
    );
  });
  return svgDocument(W, H, body);
}
