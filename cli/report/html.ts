import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ReportTable } from './build-report';
import { driftVerdict } from './format';
import type { TrainingMap } from './training-map';

/** A bundle's centroids in its feature words, for the heatmap. */
export interface CentroidProfiles {
  segments: string[];
  inputs: string[];
  values: number[][];
}

type BundleLike = {
  features?: { name: string; label?: string; categories?: string[] }[];
  projection?: { matrix: number[][] };
  model?: { centroids?: number[][] };
  segments?: { id: string; label?: string; ruleOnly?: boolean }[];
};

/**
 * The rows (segments owning a centroid, in centroid order) and columns (model inputs in the
 * feature's words; one per category of a one-hot feature; "component i" with a projection)
 * of a bundle's centroids, or null without a bundle or centroids.
 */
export function centroidProfiles(json: unknown): CentroidProfiles | null {
  const b = json as BundleLike | undefined;
  const centroids = b?.model?.centroids;
  if (!b || !Array.isArray(centroids) || centroids.length === 0) return null;
  const inputs = b.projection
    ? b.projection.matrix.map((_, i) => `component ${i + 1}`)
    : (b.features ?? []).flatMap((f) =>
        f.categories ? f.categories.map((c) => `${f.label ?? f.name}: ${c}`) : [f.label ?? f.name],
      );
  const segments = (b.segments ?? []).filter((s) => !s.ruleOnly).map((s) => s.label ?? s.id);
  return { segments: segments.slice(0, centroids.length), inputs, values: centroids };
}

/**
 * The page's own code: draws each panel with ECharts from the report JSON embedded in the
 * page. Text goes in through textContent only; no string is ever parsed as HTML.
 */
const PAGE_SCRIPT = `(() => {
  const report = JSON.parse(document.getElementById('report-data').textContent);
  const opts = { renderer: 'canvas' };
  const el = (tag, text) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = String(text); return e; };
  const pct = (v) => (v * 100).toFixed(2) + '%';

  // Segment sizes and trend: page-view reports per UTC day and segment.
  const days = [...new Set(report.days.map((d) => d.day))];
  const segments = [...new Set(report.days.map((d) => d.segment))];
  echarts.init(document.querySelector('[data-panel="segments"] .chart'), null, opts).setOption({
    animation: false, tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', name: 'page views' },
    series: segments.map((s) => ({ name: s, type: 'line', data: days.map((d) => (report.days.find((x) => x.day === d && x.segment === s) || { views: 0 }).views) })),
  });

  // Uplift per segment with its interval: a box from low to high, the line inside at the estimate.
  const rows = report.rows.filter((r) => r.uplift);
  const labels = rows.map((r) => r.experiment + ' · ' + r.goal + ' · ' + r.arm + ' · ' + r.segment);
  echarts.init(document.querySelector('[data-panel="uplift"] .chart'), null, opts).setOption({
    animation: false, grid: { left: 260 }, tooltip: {},
    yAxis: { type: 'category', data: labels }, xAxis: { type: 'value', name: 'uplift (rate)', axisLabel: { formatter: pct } },
    series: [{ type: 'boxplot', name: 'uplift ' + Math.round(report.confidence * 100) + '% interval', data: rows.map((r) => [r.uplift.low, r.uplift.low, r.uplift.diff, r.uplift.high, r.uplift.high]) }],
  });

  // Guardrails: p75 LCP and INP per arm (ms), CLS on its own axis.
  const arms = report.vitals.map((v) => v.experiment + ' · ' + v.arm);
  echarts.init(document.querySelector('[data-panel="guardrails"] .chart'), null, opts).setOption({
    animation: false, tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: arms },
    yAxis: [{ type: 'value', name: 'ms' }, { type: 'value', name: 'CLS' }],
    series: [
      { name: 'LCP p75', type: 'bar', data: report.vitals.map((v) => v.lcpP75) },
      { name: 'INP p75', type: 'bar', data: report.vitals.map((v) => v.inpP75) },
      { name: 'CLS p75', type: 'bar', yAxisIndex: 1, data: report.vitals.map((v) => v.clsP75) },
    ],
  });

  // Sample ratio per experiment: observed share against the configured one.
  const srm = report.srm;
  echarts.init(document.querySelector('[data-panel="srm"] .chart'), null, opts).setOption({
    animation: false, tooltip: { trigger: 'axis' }, legend: {},
    xAxis: { type: 'category', data: srm.flatMap((s) => s.arms.map((a) => s.experiment + ' · ' + a.arm)) },
    yAxis: { type: 'value', axisLabel: { formatter: pct } },
    series: [
      { name: 'observed share', type: 'bar', data: srm.flatMap((s) => { const n = s.arms.reduce((t, a) => t + a.views, 0) || 1; return s.arms.map((a) => a.views / n); }) },
      { name: 'expected share', type: 'bar', data: srm.flatMap((s) => s.arms.map((a) => a.expectedShare)) },
    ],
  });
  // Centroid profiles: each segment's centroid per model input, in the bundle's words (scaled units).
  const profiles = report.centroids;
  if (profiles) {
    const cells = profiles.values.flatMap((row, y) => row.map((v, x) => [x, y, v]));
    const extent = Math.max(1e-9, ...cells.map((c) => Math.abs(c[2])));
    echarts.init(document.querySelector('[data-panel="centroids"] .chart'), null, opts).setOption({
      animation: false, tooltip: {}, grid: { left: 160, bottom: 140 },
      xAxis: { type: 'category', data: profiles.inputs, axisLabel: { rotate: 40 } },
      yAxis: { type: 'category', data: profiles.segments },
      visualMap: { min: -extent, max: extent, calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
      series: [{ type: 'heatmap', data: cells, label: { show: true, formatter: (p) => p.value[2].toFixed(2) } }],
    });
  }
  // The training sample on its first two principal components, coloured by segment; centroids ringed.
  const map = report.map;
  if (map) {
    echarts.init(document.querySelector('[data-panel="map"] .chart'), null, opts).setOption({
      animation: false, tooltip: {}, legend: {},
      xAxis: { type: 'value', name: 'PC 1', scale: true }, yAxis: { type: 'value', name: 'PC 2', scale: true },
      series: map.segments.map((s, i) => ({
        name: s, type: 'scatter', symbolSize: 4, large: false,
        data: [{ value: map.centres[i], symbolSize: 18, itemStyle: { borderColor: '#000', borderWidth: 2, opacity: 1 } },
          ...map.points.filter((p) => p[2] === i).map((p) => [p[0], p[1]])],
        itemStyle: { opacity: 0.6 },
      })),
    });
  }

  // Drift: per segment, the share of page views beyond the training p90 and p99 distance with
  // its interval (a box from low to high, the line at the estimate); expected 10% and 1%.
  const drift = report.drift;
  if (drift) {
    const band = (low, share, high) => [low, low, share, high, high];
    echarts.init(document.querySelector('[data-panel="drift"] .chart'), null, opts).setOption({
      animation: false, tooltip: {}, legend: {}, grid: { right: 160 },
      xAxis: { type: 'category', data: drift.rows.map((r) => (r.segment === '*' ? 'all segments' : r.segment) + ' (' + r.views + ' views)') },
      yAxis: { type: 'value', name: 'share of page views', axisLabel: { formatter: pct } },
      series: [
        { name: 'beyond training p90', type: 'boxplot', data: drift.rows.map((r) => band(r.beyondP90Low, r.beyondP90, r.beyondP90High)),
          markLine: { symbol: 'none', label: { formatter: (p) => p.name + ' ' + Math.round(p.value * 100) + '%' }, data: [{ name: 'expected', yAxis: drift.expected.p90 }, { name: 'retrain above', yAxis: drift.threshold }] } },
        { name: 'beyond training p99', type: 'boxplot', data: drift.rows.map((r) => band(r.beyondP99Low, r.beyondP99, r.beyondP99High)),
          markLine: { symbol: 'none', label: { formatter: (p) => p.name + ' ' + Math.round(p.value * 100) + '%' }, data: [{ name: 'expected', yAxis: drift.expected.p99 }] } },
      ],
    });
  }
  const list = document.querySelector('[data-panel="srm"] ul');
  for (const s of srm) list.append(el('li', s.experiment + ': chi2 ' + s.chi2.toFixed(2) + ', p ' + s.p.toPrecision(3) + (s.mismatch ? ' SAMPLE RATIO MISMATCH: check bucketing' : ' ok')));
})();`;

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:1rem 2rem;color:#222}
section{margin:1.5rem 0}.chart{width:100%;height:360px}[data-panel="uplift"] .chart{height:480px}
p.input{color:#555}[data-panel="map"] .chart{height:520px}
p.verdict{font-weight:bold;padding:.5rem .75rem;border-radius:4px}p.retrain{background:#fde2e1;color:#8a1c12}
p.fits{background:#e3f4e1;color:#1d5c17}p.none{color:#555;font-weight:normal}`;

/** The drift panel: the retrain signal in words, and the chart when reports carry distance bands. */
function driftSection(report: ReportTable, escape: (s: string) => string): string {
  const { drift } = report;
  const head = '<section data-panel="drift"><h2>Drift: page views beyond the training distances to their centroid</h2>';
  if (!drift)
    return `${head}<p class="verdict none">No report carries a distance band: the bundle has no distance quantiles (a bundle from edgeseg train has them).</p></section>\n`;
  return `${head}<p class="verdict ${drift.retrain ? 'retrain' : 'fits'}">${escape(driftVerdict(drift))}.</p><p class="input">Bundle v${drift.bundleVersion ?? '-'}; expected ${drift.expected.p90 * 100}% beyond p90 and ${drift.expected.p99 * 100}% beyond p99 (the training rows); retrain when the ${Math.round(report.confidence * 100)}% interval of the share beyond p90 lies above ${Math.round(drift.threshold * 100)}%.</p><div class="chart"></div></section>\n`;
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The ECharts build inlined into the page (Apache-2.0; its licence header stays). */
function echartsSource(): string {
  return readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8');
}

/**
 * The report as one self-contained HTML page: ECharts and the data inlined, nothing
 * fetched, and a Content-Security-Policy that allows exactly the page's own scripts and
 * style (by hash): no CDN, no 'unsafe-inline', no eval.
 */
export function reportHtml(
  report: ReportTable,
  centroids: CentroidProfiles | null = null,
  title = 'edgeseg report',
  map: TrainingMap | null = null,
): string {
  // In a <script type="application/json">, "<" must not open a tag: \\u003c is still JSON.
  const data = JSON.stringify({ ...report, centroids, map }).replace(/</g, '\\u003c');
  const library = echartsSource();
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(library)} ${sha256(PAGE_SCRIPT)}`,
    `style-src ${sha256(STYLE)}`,
    'img-src data:',
  ].join('; ');
  const escape = (s: string): string =>
    s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
  const { input } = report;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${escape(title)}</title>
<style>${STYLE}</style></head>
<body>
<h1>${escape(title)}</h1>
<p class="input">${input.reports} reports from ${input.files.length} file(s), ${escape(report.period.first ?? '-')} to ${escape(report.period.last ?? '-')} (UTC hours); skipped ${input.malformed} malformed, ${input.invalid} invalid, ${input.wrongVersion} other-version, ${input.duplicates} duplicate; views counted: ${report.scope}</p>
<section data-panel="segments"><h2>Segment sizes over days</h2><div class="chart"></div></section>
<section data-panel="uplift"><h2>Uplift over control per segment (${Math.round(report.confidence * 100)}% interval)</h2><div class="chart"></div></section>
<section data-panel="guardrails"><h2>Guardrails per arm (p75)</h2><div class="chart"></div></section>
${centroids ? '<section data-panel="centroids"><h2>Centroid profiles (bundle feature words, scaled units)</h2><div class="chart"></div></section>\n' : ''}${map ? `<section data-panel="map"><h2>Training sample by segment (${map.points.length} rows on the first two principal components)</h2><p class="input">${escape(map.explained)}; large ringed points are the centroids.</p><div class="chart"></div></section>\n` : ''}${driftSection(report, escape)}<section data-panel="srm"><h2>Sample ratio</h2><div class="chart"></div><ul></ul></section>
<script type="application/json" id="report-data">${data}</script>
<script>${library}</script>
<script>${PAGE_SCRIPT}</script>
</body></html>
`;
}
