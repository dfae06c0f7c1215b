import { ALL_SEGMENTS, type ReportRow, type ReportTable, type Uplift } from './build-report';
import type { DriftReport, DriftRow } from './drift';

const pct = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined ? '' : `${(v * 100).toFixed(digits)}%`;
const num = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined ? '' : v.toFixed(digits);
const interval = (u: Uplift | null, f: (v: number) => string): string => (u ? `[${f(u.low)}, ${f(u.high)}]` : '');

/** Columns shared by the terminal table and the CSV. */
const COLUMNS: [string, (r: ReportRow) => string | number][] = [
  ['experiment', (r) => r.experiment],
  ['arm', (r) => r.arm],
  ['segment', (r) => r.segment],
  ['goal', (r) => r.goal],
  ['views', (r) => r.views],
  ['conversions', (r) => r.conversions],
  ['rate', (r) => r.rate],
  ['rate_low', (r) => r.rateLow],
  ['rate_high', (r) => r.rateHigh],
  ['debiased', (r) => (r.debiased ? 'yes' : 'no')],
  ['value_per_view', (r) => r.valuePerView ?? ''],
  ['uplift', (r) => r.uplift?.diff ?? ''],
  ['uplift_low', (r) => r.uplift?.low ?? ''],
  ['uplift_high', (r) => r.uplift?.high ?? ''],
  ['uplift_method', (r) => r.uplift?.method ?? ''],
  ['value_uplift', (r) => r.valueUplift?.diff ?? ''],
  ['value_uplift_low', (r) => r.valueUplift?.low ?? ''],
  ['value_uplift_high', (r) => r.valueUplift?.high ?? ''],
];

const csvCell = (v: string | number): string => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Drift columns of the CSV: the row's segment's drift (all its page views, every arm), blank without bands. */
const DRIFT_COLUMNS: [string, (d: DriftRow) => string | number][] = [
  ['drift_views', (d) => d.views],
  ['beyond_p90', (d) => d.beyondP90],
  ['beyond_p90_low', (d) => d.beyondP90Low],
  ['beyond_p90_high', (d) => d.beyondP90High],
  ['beyond_p99', (d) => d.beyondP99],
  ['retrain', (d) => (d.retrain ? 'yes' : 'no')],
];

/** The report rows as CSV (RFC 4180), full precision, one header line; each row with its segment's drift. */
export function reportCsv(report: ReportTable): string {
  const drift = new Map(report.drift?.rows.map((d) => [d.segment, d]));
  return [
    [...COLUMNS, ...DRIFT_COLUMNS].map(([name]) => name).join(','),
    ...report.rows.map((row) => {
      const d = drift.get(row.segment);
      return [
        ...COLUMNS.map(([, get]) => csvCell(get(row))),
        ...DRIFT_COLUMNS.map(([, get]) => (d ? csvCell(get(d)) : '')),
      ].join(',');
    }),
  ].join('\n');
}

/** The words of the retrain signal, shared by the terminal and the HTML page. */
export function driftVerdict(drift: DriftReport): string {
  const drifted = drift.rows
    .filter((r) => r.retrain)
    .map((r) => (r.segment === ALL_SEGMENTS ? 'all segments' : r.segment));
  return drift.retrain
    ? `Retrain recommended: more page views than expected sit beyond the training p90 distance (${drifted.join(', ')})`
    : 'Segments still fit: no segment has significantly more page views beyond the training p90 distance than the threshold';
}

function driftText(drift: DriftReport, level: string): string[] {
  return [
    '',
    `drift (bundle v${drift.bundleVersion ?? '-'}): page views beyond the training distance quantiles; expected ${pct(drift.expected.p90, 0)} beyond p90, ${pct(drift.expected.p99, 0)} beyond p99; retrain when the ${level} lower bound beyond p90 exceeds ${pct(drift.threshold, 0)}`,
    grid(
      [
        'segment',
        'views',
        '<=p50',
        '<=p90',
        '<=p99',
        '>p99',
        'beyond p90',
        `${level} CI`,
        'beyond p99',
        `${level} CI`,
        '',
      ],
      drift.rows.map((r) => [
        r.segment,
        String(r.views),
        ...r.bands.map(String),
        pct(r.beyondP90, 1),
        `[${pct(r.beyondP90Low, 1)}, ${pct(r.beyondP90High, 1)}]`,
        pct(r.beyondP99, 1),
        `[${pct(r.beyondP99Low, 1)}, ${pct(r.beyondP99High, 1)}]`,
        r.retrain ? 'RETRAIN' : 'fits',
      ]),
      1,
    ),
    driftVerdict(drift).replace(/^Retrain recommended/, 'RETRAIN RECOMMENDED'),
  ];
}

/** Columns padded to a grid; the first `left` are text (left-aligned), the others numbers. */
function grid(header: string[], rows: string[][], left = 4): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < left ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The report as terminal text: input summary, the table, SRM and guardrails. */
export function reportText(report: ReportTable): string {
  const { input } = report;
  const level = `${Math.round(report.confidence * 100)}%`;
  const out = [
    `edgeseg report: ${input.reports} reports from ${input.files.length} file(s), ${report.period.first ?? '-'} to ${report.period.last ?? '-'} (UTC hours); views counted: ${report.scope}`,
  ];
  const bad = input.malformed + input.invalid + input.wrongVersion;
  if (bad || input.duplicates) {
    out.push(
      `skipped: ${input.malformed} malformed line(s), ${input.invalid} invalid report(s), ${input.wrongVersion} line(s) of another format version, ${input.duplicates} duplicate id(s)`,
      ...input.problems.map((p) => `  ${p}`),
    );
  }
  out.push(
    '',
    grid(
      [
        'experiment',
        'arm',
        'segment',
        'goal',
        'views',
        'conv',
        'rate',
        `${level} CI`,
        'value/view',
        'uplift',
        `${level} CI`,
        'value uplift',
        `${level} CI`,
      ],
      report.rows.map((r) => [
        r.experiment,
        r.arm,
        r.segment,
        r.goal,
        String(r.views),
        String(r.conversions),
        pct(r.rate) + (r.debiased ? '*' : ''),
        `[${pct(r.rateLow)}, ${pct(r.rateHigh)}]`,
        num(r.valuePerView),
        r.uplift ? `${r.uplift.diff >= 0 ? '+' : ''}${pct(r.uplift.diff)}` : '',
        interval(r.uplift, (v) => pct(v)),
        r.valueUplift ? `${r.valueUplift.diff >= 0 ? '+' : ''}${num(r.valueUplift.diff)}` : '',
        interval(r.valueUplift, (v) => num(v)),
      ]),
    ),
    '',
    'uplift: arm minus control in the same segment; rates: Newcomb hybrid Wilson interval (* de-biased randomized response: normal interval); value: Welch',
  );
  if (report.srm.length) {
    out.push('', 'sample ratio (chi-square of counted views against the arm weights):');
    for (const s of report.srm) {
      const arms = s.arms.map((a) => `${a.arm} ${a.views} (expected ${pct(a.expectedShare, 1)})`).join(', ');
      out.push(
        `  ${s.experiment}: ${arms}; chi2 ${s.chi2.toFixed(2)}, df ${s.df}, p ${s.p.toPrecision(3)}${s.weights === 'assumed equal' ? ', weights assumed equal' : ''}${s.mismatch ? '  SAMPLE RATIO MISMATCH: check bucketing' : ''}`,
      );
    }
  }
  if (report.vitals.length) {
    out.push(
      '',
      'guardrails (p75 per arm):',
      grid(
        ['experiment', 'arm', 'samples', 'LCP ms', 'CLS', 'INP ms'],
        report.vitals.map((v) => [
          v.experiment,
          v.arm,
          String(v.samples),
          num(v.lcpP75, 0),
          num(v.clsP75, 3),
          num(v.inpP75, 0),
        ]),
      ),
    );
  }
  if (report.drift) out.push(...driftText(report.drift, level));
  return out.join('\n');
}
