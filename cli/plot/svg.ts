/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A standalone SVG document (no scripts, no external references). */
export function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** Text at a point; `anchor` start/middle/end. */
export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeXml(content)}</text>`;
}

/** A colour per segment index: a qualitative palette that stays readable when printed. */
export function segmentColour(i: number): string {
  const palette = [
    '#1f77b4',
    '#ff7f0e',
    '#2ca02c',
    '#d62728',
    '#9467bd',
    '#8c564b',
    '#e377c2',
    '#7f7f7f',
    '#bcbd22',
    '#17becf',
  ];
  return palette[i % palette.length] as string;
}

/** Three-ish round tick values covering [min, max]. */
export function ticks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const step = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / nice) * nice; v <= max + nice * 1e-9; v += nice) out.push(Number(v.toPrecision(12)));
  return out;
}

export interface Panel {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A line chart of `ys` over `xs` in `panel`, with axes, ticks and a title. */
export function linePanel(
  panel: Panel,
  title: string,
  xs: number[],
  ys: number[],
  colour: string,
  mark?: number,
): string[] {
  const yMin = Math.min(...ys);
  const yMax = Math.max(...ys);
  const pad = (yMax - yMin) * 0.08 || Math.abs(yMax) * 0.1 || 1;
  const lo = yMin - pad;
  const hi = yMax + pad;
  const px = (v: number) =>
    panel.x + ((v - (xs[0] as number)) / ((xs[xs.length - 1] as number) - (xs[0] as number) || 1)) * panel.width;
  const py = (v: number) => panel.y + panel.height - ((v - lo) / (hi - lo)) * panel.height;
  const out = [
    text(panel.x, panel.y - 8, title, 'font-weight="bold"'),
    `<rect x="${panel.x}" y="${panel.y}" width="${panel.width}" height="${panel.height}" fill="none" stroke="#ccc"/>`,
  ];
  for (const t of ticks(lo, hi))
    out.push(
      `<line x1="${panel.x}" x2="${panel.x + panel.width}" y1="${py(t).toFixed(1)}" y2="${py(t).toFixed(1)}" stroke="#eee"/>`,
      text(panel.x - 6, py(t) + 4, String(t), 'text-anchor="end" fill="#555"'),
    );
  for (const v of xs) out.push(text(px(v), panel.y + panel.height + 16, String(v), 'text-anchor="middle" fill="#555"'));
  if (mark !== undefined)
    out.push(
      `<line x1="${px(mark).toFixed(1)}" x2="${px(mark).toFixed(1)}" y1="${panel.y}" y2="${panel.y + panel.height}" stroke="#999" stroke-dasharray="4 3"/>`,
    );
  out.push(
    `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${xs.map((v, i) => `${px(v).toFixed(1)},${py(ys[i] as number).toFixed(1)}`).join(' ')}"/>`,
  );
  xs.forEach((v, i) =>
    out.push(`<circle cx="${px(v).toFixed(1)}" cy="${py(ys[i] as number).toFixed(1)}" r="3.5" fill="${colour}"/>`),
  );
  return out;
}
